using System.Text.Json.Nodes;
using NJsonSchema;
using Tiering.Rules.Diagnostics;
using Tiering.Rules.Syntax;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Syntax;

/// <summary>Every shipped policy and test file validates against the JSON Schemas in rules/schema (draft-07).</summary>
public sealed class SchemaTests
{
    public static TheoryData<string> ShippedFiles() => Repo.RuleFileNames();

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public async Task ShippedFile_ValidatesAgainstItsSchema(string name)
    {
        var path = Path.Combine(Repo.Rules, name);
        var text = await File.ReadAllTextAsync(path);
        var schemaName = name.EndsWith(".tests.yaml", StringComparison.Ordinal) ? "policy-tests.schema.json" : "policy.schema.json";
        text.Should().StartWith($"# yaml-language-server: $schema=./schema/{schemaName}");
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repo.Rules, "schema", schemaName));

        var errors = schema.Validate(ToJson(path, text).ToJsonString());

        errors.Select(e => $"{e.Path}: {e.Kind}").Should().BeEmpty();
    }

    [Theory]
    [InlineData("policy.schema.json")]
    [InlineData("policy-tests.schema.json")]
    public void Schema_EveryPatternSaysWhatToWrite_AndEveryEnumDescribesItsValues(string name)
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Rules, "schema", name)))!;
        var objects = new List<JsonObject>();
        void Walk(JsonNode? node)
        {
            if (node is JsonObject o)
            {
                objects.Add(o);
                foreach (var (_, child) in o)
                {
                    Walk(child);
                }
            }
            else if (node is JsonArray a)
            {
                foreach (var child in a)
                {
                    Walk(child);
                }
            }
        }

        Walk(schema);

        objects.Where(o => o["pattern"] is JsonValue).Should().NotBeEmpty()
            .And.OnlyContain(o => o["patternErrorMessage"] != null, "an editor shows the message instead of the regular expression");
        foreach (var withEnum in objects.Where(o => o["enum"] is JsonArray { Count: > 2 }))
        {
            withEnum["enumDescriptions"].Should().BeOfType<JsonArray>().Which.Count.Should().Be(withEnum["enum"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task Schema_FlagsAnUnknownKeyAndAWrongHitPolicy()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(Repo.Rules, "schema", "policy.schema.json"));
        const string yaml = """
            policy: p
            version: "1"
            fields: { x: { type: decimal } }
            grades: [a]
            hitPolicy: frist
            rules:
              - { id: R1, when: x > 1, then: a, becuase: typo }
            """;

        var errors = schema.Validate(ToJson("p.yaml", yaml).ToJsonString());

        errors.Select(e => e.Path).Should().Contain("#/hitPolicy");
        errors.SelectMany(Flatten).Select(e => e.Property).Should().Contain("becuase");
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? new[] { error }.Concat(child.Errors.SelectMany(e => e.Value).SelectMany(Flatten))
            : [error];

    /// <summary>YAML → JSON with YAML's own typing of plain scalars (numbers, true/false, null); quoted scalars stay text.</summary>
    private static JsonNode ToJson(string path, string text)
    {
        var diagnostics = new List<Diagnostic>();
        var root = YamlSyntaxReader.Read(path, text, LoadLimits.Default, diagnostics);
        diagnostics.Should().BeEmpty();
        return Convert(root!)!;

        static JsonNode? Convert(SyntaxNode node) => node switch
        {
            MappingSyntax m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, Convert(e.Value)))),
            SequenceSyntax s => new JsonArray([.. s.Items.Select(Convert)]),
            ScalarSyntax { IsNull: true } => null,
            ScalarSyntax { IsQuoted: true } q => JsonValue.Create(q.Value),
            ScalarSyntax { Value: "true" } => JsonValue.Create(true),
            ScalarSyntax { Value: "false" } => JsonValue.Create(false),
            ScalarSyntax s when decimal.TryParse(s.Value, System.Globalization.NumberStyles.Number & ~System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
            ScalarSyntax s => JsonValue.Create(s.Value),
            _ => null,
        };
    }
}
