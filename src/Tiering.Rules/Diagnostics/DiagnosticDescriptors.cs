namespace Tiering.Rules.Diagnostics;

/// <summary>
/// The message table: every diagnostic the engine prints is made here, from a template and its arguments.
/// Codes are stable: tests, scripts, golden files and <c>accept:</c> entries rely on them. Add new codes; never
/// renumber, and do not reuse a retired one. TR1xxx syntax (YAML), TR2xxx expressions and types, TR3xxx policy model,
/// TR4xxx analysis, TR5xxx policy test files.
/// </summary>
/// <remarks>
/// A code names one kind of mistake. Where one kind is worded several ways (a parse error expects different things,
/// a type error concerns different operators), each wording is its own entry under the same code, the way one lint
/// rule has several messages: the code a user looks up stays the same and every message still has a template.
/// Every entry is printed by a golden case under <c>tests/Tiering.Rules.Tests/Golden</c> (DiagnosticTableTests).
/// </remarks>
internal static class DiagnosticDescriptors
{
    private static DiagnosticDescriptor Error(string code, string format) => new(code, DiagnosticSeverity.Error, format);

    private static DiagnosticDescriptor Warning(string code, string format) => new(code, DiagnosticSeverity.Warning, format);

    private static DiagnosticDescriptor Info(string code, string format) => new(code, DiagnosticSeverity.Info, format);

    // TR1xxx: YAML syntax.
    public static readonly DiagnosticDescriptor YamlSyntax = Error("TR1001", "YAML syntax error: {0}");
    public static readonly DiagnosticDescriptor DuplicateKey = Error("TR1002", "duplicate key '{0}' (first defined at line {1})");
    public static readonly DiagnosticDescriptor AnchorOrAlias = Error("TR1003", "YAML anchors and aliases are not allowed in policy files ('{0}'); write the value out");
    public static readonly DiagnosticDescriptor ExplicitTag = Error("TR1004", "explicit YAML tags are not allowed in policy files ('{0}')");
    public static readonly DiagnosticDescriptor FileTooLarge = Error("TR1005", "policy file is {0} bytes, over the limit of {1} bytes");
    public static readonly DiagnosticDescriptor NestingTooDeep = Error("TR1006", "YAML nesting is deeper than the limit of {0} levels");
    public static readonly DiagnosticDescriptor FileUnreadable = Error("TR1007", "cannot read policy file: {0}");
    public static readonly DiagnosticDescriptor DocumentCount = Error("TR1008", "a policy file must hold exactly one YAML document, found {0}");
    public static readonly DiagnosticDescriptor NoPolicyFiles = Error("TR1009", "no policy files (*.yaml, *.yml) found in '{0}'");
    public static readonly DiagnosticDescriptor ComplexKey = Error("TR1010", "mapping keys must be plain scalars");

    // TR1011: a YAML error whose cause is the layout of a line (Syntax/YamlLayoutCheck), said in plain words at that line.
    public static readonly DiagnosticDescriptor TabIndent = Error("TR1011", "line {0} starts with a tab; indent with spaces");
    public static readonly DiagnosticDescriptor FullWidthSpaceIndent = Error("TR1011", "line {0} is indented with a full-width space (U+3000); indent with ASCII spaces");
    public static readonly DiagnosticDescriptor FullWidthColon = Error("TR1011", "line {0} uses a full-width colon '：' after '{1}'; use ':'");
    public static readonly DiagnosticDescriptor Misindented = Error("TR1011", "line {0}: '{1}' is indented {2} spaces, the other keys of this {3} {4}");

    // TR1012: a character that makes a file read differently from what it shows.
    public static readonly DiagnosticDescriptor ForbiddenCharacter = Error("TR1012", "character U+{0} is not allowed in a policy file: it is {1}");
    public static readonly DiagnosticDescriptor NotNormalized = Error("TR1012", "text is not in Unicode normalization form C (a letter followed by a combining mark where one composed letter is meant); write it composed, so that it cannot pass for a different name");

    // TR2xxx: expressions and types.
    // TR2001: the expression cannot be parsed.
    public static readonly DiagnosticDescriptor ExpectedToken = Error("TR2001", "expected {0} but found {1}");
    public static readonly DiagnosticDescriptor UnexpectedToken = Error("TR2001", "unexpected {0}; expected {1}");
    public static readonly DiagnosticDescriptor ExpressionEndsEarly = Error("TR2001", "the expression ends too early; expected a value");
    public static readonly DiagnosticDescriptor EmptyExpression = Error("TR2001", "the expression is empty");
    public static readonly DiagnosticDescriptor UnterminatedText = Error("TR2001", "unterminated text starting with {0}");
    public static readonly DiagnosticDescriptor ChainedComparison = Error("TR2001", "comparisons cannot be chained; join them with 'and'");
    public static readonly DiagnosticDescriptor IntervalBoundCount = Error("TR2001", "an interval needs exactly two bounds, like [a, b), but has {0}");

    public static readonly DiagnosticDescriptor UnexpectedCharacter = Error("TR2002", "unexpected character '{0}' in expression");
    public static readonly DiagnosticDescriptor UnknownField = Error("TR2003", "unknown field '{0}'{1}");

    // TR2004: an operand's type does not fit its operator.
    public static readonly DiagnosticDescriptor CannotCompare = Error("TR2004", "cannot compare {0} with {1}");
    public static readonly DiagnosticDescriptor CannotOrder = Error("TR2004", "'{0}' cannot order {1}; use = or !=");
    public static readonly DiagnosticDescriptor CannotOrderValues = Error("TR2004", "'{0}' cannot order the values of {1}; use = or != or 'in (…)'");
    public static readonly DiagnosticDescriptor UnaryOperandType = Error("TR2004", "'{0}' needs {1}, but its operand is {2}");
    public static readonly DiagnosticDescriptor LogicalOperandType = Error("TR2004", "'{0}' needs true/false on both sides, but the {1} side is {2}");
    public static readonly DiagnosticDescriptor ArithmeticOperandType = Error("TR2004", "arithmetic needs numbers on both sides, but one side is {0}");
    public static readonly DiagnosticDescriptor RangeSubjectType = Error("TR2004", "a range test needs a number, a date or a date-time, but this is {0}");
    public static readonly DiagnosticDescriptor RangeBoundType = Error("TR2004", "a bound of the range must be {0}, like the value tested, but it is {1}{2}");
    public static readonly DiagnosticDescriptor RangeBoundsReversed = Error("TR2004", "the lower bound of the range is greater than the upper bound");
    public static readonly DiagnosticDescriptor SetOfNumbers = Error("TR2004", "'in (…)' with values is for text, true/false and enum fields; for numbers write a range such as 'in [a, b)' or join '=' tests with 'or'");
    public static readonly DiagnosticDescriptor SetValueNotLiteral = Error("TR2004", "the values in 'in (…)' must be literals");
    public static readonly DiagnosticDescriptor SetValueType = Error("TR2004", "this value is {0}, but the value tested is {1}");
    public static readonly DiagnosticDescriptor MemberAfterCall = Error("TR2004", "'.{0}' cannot follow {1}(…); only decision(…).grade has a member");

    public static readonly DiagnosticDescriptor UnknownFunction = Error("TR2005", "unknown function '{0}'{1}; allowed: {2}");

    // TR2006: a function is called the wrong way.
    public static readonly DiagnosticDescriptor ArgumentCount = Error("TR2006", "{0} takes {1} argument(s), not {2}");
    public static readonly DiagnosticDescriptor ArgumentType = Error("TR2006", "{0} needs numbers, but argument {1} is {2}");
    public static readonly DiagnosticDescriptor ArgumentKind = Error("TR2006", "{0} needs {1} as argument {2}, but it is {3}{4}");
    public static readonly DiagnosticDescriptor LiteralUsage = Error("TR2006", "{0} takes one {1} in quotes, like {0}('{2}')");
    public static readonly DiagnosticDescriptor RoundDigits = Error("TR2006", "round's second argument is the number of decimal places: a whole number from 0 to 10");
    public static readonly DiagnosticDescriptor IsMissingUsage = Error("TR2006", "isMissing takes one field name, like isMissing(expectedCloseDays)");
    public static readonly DiagnosticDescriptor NeverMissing = Error("TR2006", "field '{0}' is never missing when a rule runs ({1}), so isMissing would always be false");
    public static readonly DiagnosticDescriptor DecisionUsage = Error("TR2006", "decision takes one policy id in quotes, like decision('loan-five-category').grade");
    public static readonly DiagnosticDescriptor DecisionWithoutGrade = Error("TR2006", "decision(…) must be followed by .grade, .score, .status, .outputs.<name> or .fired('RULE-ID')");

    public static readonly DiagnosticDescriptor ExpressionTooLong = Error("TR2007", "expression is {0} characters long, over the limit of {1}");
    public static readonly DiagnosticDescriptor ExpressionTooDeep = Error("TR2008", "expression nests deeper than the limit of {0}");
    public static readonly DiagnosticDescriptor BadNumberLiteral = Error("TR2009", "'{0}' is not a valid number");
    public static readonly DiagnosticDescriptor SpelledNumber = Error("TR2009", "'{0}' is not a number in an expression; write {1} or {2}");
    public static readonly DiagnosticDescriptor InexactNumberLiteral = Error("TR2009", "'{0}' cannot be held exactly by a decimal (at most 28 decimal places and 29 significant digits, up to 79228162514264337593543950335)");
    public static readonly DiagnosticDescriptor BadDateLiteral = Error("TR2010", "'{0}' is not a valid date (write yyyy-mm-dd)");
    public static readonly DiagnosticDescriptor BadDateTimeLiteral = Error("TR2010", "'{0}' is not a valid date-time (write yyyy-mm-ddThh:mm[:ss[.fffffff]] then Z or ±hh:mm)");
    public static readonly DiagnosticDescriptor DateTimeWithoutOffset = Error("TR2010", "date-time '{0}' has no offset: write Z or ±hh:mm after the time (without one it would depend on a time zone)");
    public static readonly DiagnosticDescriptor UnknownEnumValue = Error("TR2011", "'{0}' is not a value of {1}{2}; allowed: {3}");

    // TR2012: decision(…) names a policy whose grade cannot be read.
    public static readonly DiagnosticDescriptor UnknownPolicy = Error("TR2012", "unknown policy '{0}' in decision(){1}");
    public static readonly DiagnosticDescriptor OwnDecision = Error("TR2012", "policy '{0}' cannot read its own decision");
    public static readonly DiagnosticDescriptor NoScore = Error("TR2012", "policy '{0}' is not a scorecard, so decision('{0}').score has no value");
    public static readonly DiagnosticDescriptor UnknownDecisionOutput = Error("TR2012", "policy '{0}' has no output '{1}'{2}");
    public static readonly DiagnosticDescriptor OutputTypesDiffer = Error("TR2012", "output '{1}' of policy '{0}' is {2} in one place and {3} in another, so decision('{0}').outputs.{1} has no single type");
    public static readonly DiagnosticDescriptor UnknownDecisionRule = Error("TR2012", "policy '{0}' has no rule '{1}'{2}");
    public static readonly DiagnosticDescriptor DecisionNotTyped = Error("TR2012", "decision('{0}').{1} cannot be typed: policy '{0}' did not load, or reads this policy's decision in turn");

    public static readonly DiagnosticDescriptor NotBoolean = Error("TR2013", "a condition must be true or false, but this expression is {0}");
    public static readonly DiagnosticDescriptor NotNumeric = Error("TR2014", "points must be a number, but this expression is {0}");

    // TR3xxx: the policy model.
    public static readonly DiagnosticDescriptor UnknownKey = Error("TR3001", "unknown key '{0}' in {1}{2}");
    public static readonly DiagnosticDescriptor MissingKey = Error("TR3002", "{1} needs the key '{0}'");
    public static readonly DiagnosticDescriptor WrongNodeKind = Error("TR3003", "{0} must be {1}, not {2}");
    public static readonly DiagnosticDescriptor InvalidValue = Error("TR3004", "'{0}' is not a valid {1}; allowed: {2}");
    public static readonly DiagnosticDescriptor DuplicateRuleId = Error("TR3005", "duplicate rule id '{0}' (first used at line {1})");
    public static readonly DiagnosticDescriptor UnknownGrade = Error("TR3006", "unknown grade '{0}'{1}; declared grades: {2}");
    public static readonly DiagnosticDescriptor DuplicateGrade = Error("TR3007", "duplicate grade '{0}'");
    public static readonly DiagnosticDescriptor TooManyRules = Error("TR3008", "policy has {0} rules, over the limit of {1}");
    // TR3009 is retired, never emitted: a field declared twice is a duplicate YAML key (TR1002).
    public static readonly DiagnosticDescriptor InvalidNumber = Error("TR3010", "'{0}' is not a valid number for {1}");
    public static readonly DiagnosticDescriptor SpelledNumberValue = Error("TR3010", "{1} must be a plain number, not '{0}'; write {2} or {3}");
    public static readonly DiagnosticDescriptor InexactNumber = Error("TR3010", "'{0}' for {1} cannot be held exactly by a decimal (at most 28 decimal places and 29 significant digits, up to 79228162514264337593543950335)");
    public static readonly DiagnosticDescriptor InvalidDate = Error("TR3011", "'{0}' is not a valid date for {1} (write yyyy-mm-dd)");
    public static readonly DiagnosticDescriptor InvalidId = Error("TR3012", "'{0}' is not a valid {1} id: {2}");

    // TR3013: two versions of one policy conflict.
    public static readonly DiagnosticDescriptor VersionDefinedTwice = Error("TR3013", "policy '{0}' version '{1}' is defined twice (also in {2})");
    public static readonly DiagnosticDescriptor VersionsOverlap = Error("TR3013", "versions '{0}' ({1}) and '{2}' of policy '{3}' are both effective on some dates; give them 'effective' periods that do not overlap (until is exclusive)");

    public static readonly DiagnosticDescriptor DependencyCycle = Error("TR3014", "policies depend on each other in a cycle: {0}");

    // TR3015: a field's domain is wrong.
    public static readonly DiagnosticDescriptor MinAboveMax = Error("TR3015", "{0} has min {1} greater than max {2}");
    public static readonly DiagnosticDescriptor EnumValueTwice = Error("TR3015", "value '{0}' is listed twice for {1}");
    public static readonly DiagnosticDescriptor EnumWithoutValues = Error("TR3015", "{0} needs at least one value");
    public static readonly DiagnosticDescriptor OutsideFieldDomain = Error("TR3015", "{0} ({1}) is outside the field's domain");

    // TR3016: a band table is wrong.
    public static readonly DiagnosticDescriptor BandFieldType = Error("TR3016", "bands need a decimal or integer field, but '{0}' is {1}");
    public static readonly DiagnosticDescriptor BandTableEmpty = Error("TR3016", "{0} needs at least one row");
    public static readonly DiagnosticDescriptor BandRangeAndFromTo = Error("TR3016", "{0} has both 'range' and 'from'/'to'; use one");
    public static readonly DiagnosticDescriptor BandWithoutBounds = Error("TR3016", "{0} needs 'from', 'to' or 'range'");
    public static readonly DiagnosticDescriptor BandFromNotBelowTo = Error("TR3016", "{0} has from {1} not below to {2}");

    // TR3017: the policy's parts do not fit together.
    public static readonly DiagnosticDescriptor BodyCount = Error("TR3017", "a policy needs exactly one of 'rules', 'bands' or 'score'; it has {0}");
    public static readonly DiagnosticDescriptor ScorecardWithoutScore = Error("TR3017", "hitPolicy 'scorecard' needs 'score' items (and 'grading' rows)");
    public static readonly DiagnosticDescriptor ScoreWithoutScorecard = Error("TR3017", "'score' items need hitPolicy: scorecard");
    public static readonly DiagnosticDescriptor ScorecardKeyOutside = Error("TR3017", "'{0}' belongs to a scorecard (hitPolicy: scorecard with 'score' items)");
    public static readonly DiagnosticDescriptor EffectiveEmpty = Error("TR3017", "effective needs 'from', 'until' or both");
    public static readonly DiagnosticDescriptor EffectiveReversed = Error("TR3017", "effective.until ({0:yyyy-MM-dd}) must be after effective.from ({1:yyyy-MM-dd}); until is exclusive");
    public static readonly DiagnosticDescriptor KeyOnlyForTypes = Error("TR3017", "'{0}' is only for {1} fields; {2} is {3}");
    public static readonly DiagnosticDescriptor WhenMissingNeedsOptional = Error("TR3017", "'whenMissing' needs 'optional: true' on {0}");
    public static readonly DiagnosticDescriptor NoGrades = Error("TR3017", "a policy needs at least one grade");

    public static readonly DiagnosticDescriptor TooManyFields = Error("TR3018", "policy declares {0} fields, over the limit of {1}");
    public static readonly DiagnosticDescriptor DuplicateOutput = Error("TR3019", "under hitPolicy collect every output key belongs to one rule, but '{0}' is set by both '{1}' and '{2}'");
    public static readonly DiagnosticDescriptor GradeListMismatch = Error("TR3020", "the versions of policy '{0}' declare different grades, so decision('{0}').grade has no single type");
    public static readonly DiagnosticDescriptor InvalidInterval = Error("TR3021", "'{0}' is not a valid interval: {1}");
    public static readonly DiagnosticDescriptor IdentifierTooLong = Error("TR3022", "{0} '{1}…' is {2} characters long, over the limit of {3}");
    public static readonly DiagnosticDescriptor NameTaken = Error("TR3024", "'{0}' is already a field, a derived value or asOf; a derived value needs a name of its own");
    public static readonly DiagnosticDescriptor AggregateOutsideCollect = Error("TR3023", "'aggregate' folds the outputs of the fired rules of hitPolicy collect; this policy's hitPolicy is {0}");
    public static readonly DiagnosticDescriptor AggregateShape = Error("TR3023", "aggregate '{0}' must map one of sum, min, max or count to an output name, as in 'sum: fee'");
    public static readonly DiagnosticDescriptor AggregateUnknownOutput = Error("TR3023", "aggregate '{0}' reads output '{1}', which no rule sets{2}");
    public static readonly DiagnosticDescriptor AggregateNotNumeric = Error("TR3023", "aggregate '{0}' needs numbers, but rule '{1}' sets output '{2}' to {3}");
    public static readonly DiagnosticDescriptor AggregateNameTaken = Error("TR3023", "aggregate '{0}' has the name of an output a rule or grade sets");

    // TR3025: a rule's priority (the order of the collect list) is wrong.
    public static readonly DiagnosticDescriptor PriorityOutsideCollect = Error("TR3025", "'priority' orders the list of fired rules of hitPolicy collect; this policy's hitPolicy is {0}");
    public static readonly DiagnosticDescriptor PriorityValue = Error("TR3025", "the priority of {0} must be a whole number from 1 up (1 is listed first, ties keep rule order), not {1}");
    public static readonly DiagnosticDescriptor PriorityMissing = Error("TR3025", "rule '{0}' has no priority, but this policy orders its collect list by priority (rule '{1}' declares one): give every rule a priority, or none");

    // TR3022: a group section (a policy over many facts at once) is wrong.
    public static readonly DiagnosticDescriptor GroupNeeds = Error("TR3022", "group needs {0}");
    public static readonly DiagnosticDescriptor GroupUnknownField = Error("TR3022", "'{0}' in {1} is not a declared field{2}");
    public static readonly DiagnosticDescriptor GroupKeyOptional = Error("TR3022", "group key field '{0}' is optional; a member without its key would belong to no group, so the key must be required");
    public static readonly DiagnosticDescriptor GroupKeyOnlyForGroups = Error("TR3022", "'{0}' is only for a group that decides each group (decides: groups)");
    public static readonly DiagnosticDescriptor GroupKeyOnlyForShare = Error("TR3022", "'over' is only for a share; {0} is not one");
    public static readonly DiagnosticDescriptor AggregateKindCount = Error("TR3022", "{0} needs exactly one of {1}; it has {2}");
    public static readonly DiagnosticDescriptor AggregateFieldType = Error("TR3022", "{0} needs a decimal or integer field, but '{1}' is {2}");
    public static readonly DiagnosticDescriptor GroupDeciderKey = Error("TR3022", "'{0}' does not belong in a policy that decides each group: policy '{1}' decides the group fact (its grades, rules and outputs)");
    public static readonly DiagnosticDescriptor GroupFactKey = Error("TR3022", "'{0}' does not belong in a policy that decides each group with its own rules: they see only the group fact (the key, the constant fields and group.<aggregate>)");
    public static readonly DiagnosticDescriptor GroupFactField = Error("TR3022", "the rules of a policy that decides each group cannot read '{0}': {1}");
    public static readonly DiagnosticDescriptor GroupDeciderWhereDecision = Error("TR2012", "a member condition of a policy that decides each group cannot read decision('{0}'): decide the group fact with decideWith instead");

    // TR4xxx: static analysis of policies (gaps, overlaps, unreachable rules, dead grades).
    // TR4001: a value no rule, band or grading row takes, in a policy without a default.
    public static readonly DiagnosticDescriptor GapInRules = Warning("TR4001", "gap: {0} matches no rule{1} and the policy has no default");
    public static readonly DiagnosticDescriptor GapInBands = Warning("TR4001", "gap: {0} matches no band{1} and the policy has no default");
    public static readonly DiagnosticDescriptor GapInGrading = Warning("TR4001", "gap: score = {0} matches no grading row and the policy has no default");

    // TR4002: a value two rules, band rows or grading rows take (an error under hitPolicy unique).
    public static readonly DiagnosticDescriptor Overlap = Warning("TR4002", "overlap: {0} matches both '{1}' and '{2}' ({3})");
    public static readonly DiagnosticDescriptor OverlapUnique = Error("TR4002", "overlap: {0} matches both '{1}' and '{2}' (hitPolicy unique allows one)");
    public static readonly DiagnosticDescriptor OverlapInGrading = Warning("TR4002", "overlap: score = {0} falls in both grading rows '{1}' and '{2}'");

    public static readonly DiagnosticDescriptor Contradiction = Warning("TR4003", "rule '{0}' can never fire: its condition contradicts itself ({1})");
    public static readonly DiagnosticDescriptor OutsideDomain = Warning("TR4004", "rule '{0}' can never fire: its condition lies outside the declared domain of {1}");
    public static readonly DiagnosticDescriptor Masked = Warning("TR4005", "rule '{0}' can never fire under hitPolicy first: every fact it matches is taken by earlier rule(s) {1}, e.g. {2}");
    public static readonly DiagnosticDescriptor DeadGrade = Warning("TR4006", "grade '{0}' is declared but no rule, band, default or below can produce it");
    public static readonly DiagnosticDescriptor InconsistentOutputs = Warning("TR4007", "output '{0}' is set when the decision is {1} but not when it is {2}");
    public static readonly DiagnosticDescriptor UnreadField = Warning("TR4008", "field '{0}' is declared but no rule reads it");
    public static readonly DiagnosticDescriptor EdgeOutsideDomain = Warning("TR4009", "band '{0}' has an edge {1} outside the domain of '{2}' ({3})");

    // TR4010: what the analysis cannot decide is said, not guessed.
    public static readonly DiagnosticDescriptor BeyondAnalysis = Info("TR4010", "rule '{0}' is beyond the analysis ({1}); gaps, overlaps and masking that involve it are not checked");
    public static readonly DiagnosticDescriptor GapsNotChecked = Info("TR4010", "gaps are not checked: {0}");

    public static readonly DiagnosticDescriptor AnalysisIncomplete = Warning("TR4012", "analysis incomplete: it used up its {0} steps while looking for {1} findings, so gaps, overlaps and masked rules are not all reported (simplify the rules or raise LoadLimits.MaxAnalysisSteps)");

    public static readonly DiagnosticDescriptor UnusedAccept = Info("TR4011", "accepted finding {0} does not occur here (any more); remove the accept");
    public static readonly DiagnosticDescriptor Accepted = Info("TR4000", "{0} {1} (accepted: {2})");

    // TR5xxx: policy test files (*.tests.yaml).
    // TR5001 is retired, never emitted: a malformed test file reports the TR1xxx or TR3xxx code of its mistake.
    public static readonly DiagnosticDescriptor TestUnknownPolicy = Error("TR5002", "unknown policy '{0}'{1}");
    public static readonly DiagnosticDescriptor TestUnknownGrade = Error("TR5003", "policy '{0}' has no grade '{1}'{2}");
    public static readonly DiagnosticDescriptor TestUnknownRule = Error("TR5004", "policy '{0}' has no rule '{1}'{2}");
    public static readonly DiagnosticDescriptor TestUnknownFact = Error("TR5005", "'{1}' is not a field of policy '{0}'{2}; a misspelt fact would silently count as missing");
}
