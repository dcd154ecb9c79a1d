using System.Reflection;
using System.Text.RegularExpressions;
using NetArchTest.Rules;

namespace Tiering.Rules.Tests.Architecture;

/// <summary>
/// The layers of <c>src/Tiering.Rules</c> (docs/DESIGN.md §1) flow forward only: each namespace may use the layers
/// listed before it and no layer after it, so a cycle between stages fails the build's tests. The root namespace is
/// two things: the public vocabulary every layer may use (enums and small values such as <c>FieldType</c>,
/// <see cref="FieldError"/> and <see cref="Grade"/>), and the public façade at the top (<see cref="PolicySet"/>,
/// <see cref="PolicyLoader"/>, <see cref="Decision"/> …), which no layer below may use.
/// </summary>
public sealed class LayeringTests
{
    private const string Root = "Tiering.Rules";

    /// <summary>The layers in order; each may depend on the ones before it (and on the root vocabulary).</summary>
    public static readonly string[] Layers =
    [
        "Collections",
        "Text",
        "Diagnostics",
        "Model",
        "Syntax",
        "Expressions",
        "Building",
        "Analysis",
        "Runtime",
        "Facts",
        "Compilation",
        "Grouping",
        "Loading",
    ];

    /// <summary>Namespaces above the façade, which may use everything and which no layer may use: policy tests as data, and the impact of a policy change.</summary>
    public static readonly string[] TopNamespaces = ["Testing", "Impact"];

    /// <summary>Root-namespace types every layer may use: the public vocabulary, which itself uses no layer but Text.</summary>
    private static readonly string[] Vocabulary =
    [
        "FieldType", "HitPolicy", "DecisionStatus", "DecisionStatusNames", "FieldError", "FieldErrorKind", "Grade",
        "LoadLimits", "PolicySource", "YamlReaderFallback",
    ];

    private static readonly Assembly Engine = typeof(PolicySet).Assembly;

    public static TheoryData<string> LayerNames() => [.. Layers];

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Layer_DependsOnNoLaterLayer(string layer)
    {
        var later = Layers.SkipWhile(l => l != layer).Skip(1).Select(l => $"{Root}.{l}").Concat(TopNamespaces.Select(n => $"{Root}.{n}")).ToArray();
        var result = InNamespace(layer).ShouldNot().HaveDependencyOnAny(later).GetResult();

        result.IsSuccessful.Should().BeTrue(
            $"{Root}.{layer} may use only the layers before it ({string.Join(", ", Layers.TakeWhile(l => l != layer))}); these types reach forward: {Failing(result)}");
    }

    [Theory]
    [MemberData(nameof(LayerNames))]
    public void Layer_DoesNotUseThePublicFacade(string layer)
    {
        var result = InNamespace(layer).ShouldNot().HaveDependencyOnAny(FacadeTypes()).GetResult();

        result.IsSuccessful.Should().BeTrue($"{Root}.{layer} is below the façade; these types use it: {Failing(result)}");
    }

    [Fact]
    public void Vocabulary_UsesNoLayerButText()
    {
        var layers = Layers.Where(l => l != "Text").Select(l => $"{Root}.{l}").ToArray();
        var result = Types.InAssembly(Engine).That().ResideInNamespaceMatching($"^{Regex.Escape(Root)}$")
            .And().HaveNameMatching($"^({string.Join('|', Vocabulary)})$")
            .ShouldNot().HaveDependencyOnAny(layers).GetResult();

        result.IsSuccessful.Should().BeTrue($"the public vocabulary is used by every layer, so it may use none of them: {Failing(result)}");
    }

    [Fact]
    public void EveryNamespace_IsALayerTheRootOrTesting()
    {
        var known = Layers.Concat(TopNamespaces).Select(l => $"{Root}.{l}").Append(Root).ToHashSet(StringComparer.Ordinal);
        var namespaces = Engine.GetTypes().Where(t => t.Namespace is not null && !t.Namespace.StartsWith("System", StringComparison.Ordinal) && !t.Namespace.StartsWith("Microsoft", StringComparison.Ordinal))
            .Select(t => t.Namespace!).Distinct().ToList();

        namespaces.Should().OnlyContain(n => known.Contains(n), "a new namespace must take its place in the layer list (and in docs/DESIGN.md §1)");
    }

    [Fact]
    public void FolderTree_IsTheNamespaceTree()
    {
        var src = Path.Combine(Support.Repo.Root, "src", "Tiering.Rules");
        var misplaced = new List<string>();
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(src, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
            {
                continue;
            }

            var folder = Path.GetDirectoryName(relative)!.Replace(Path.DirectorySeparatorChar, '.');
            var expected = folder.Length == 0 ? Root : $"{Root}.{folder}";
            var declared = Regex.Match(File.ReadAllText(file), @"^namespace ([\w.]+);", RegexOptions.Multiline).Groups[1].Value;
            if (declared != expected)
            {
                misplaced.Add($"{relative}: namespace {declared}, folder says {expected}");
            }
        }

        misplaced.Should().BeEmpty("every folder of src/Tiering.Rules is its namespace");
    }

    [Fact]
    public void UsingDirectives_PointOnlyBackward()
    {
        // The compiled check above sees types used; this one sees the source, so even an unused `using` of a later layer
        // (the first step of a cycle) is red.
        var src = Path.Combine(Support.Repo.Root, "src", "Tiering.Rules");
        var wrong = new List<string>();
        foreach (var layer in Layers)
        {
            var folder = Path.Combine(src, layer);
            var later = Layers.SkipWhile(l => l != layer).Skip(1).Concat(TopNamespaces).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match use in Regex.Matches(File.ReadAllText(file), @"^using (?:static )?Tiering\.Rules\.(\w+)", RegexOptions.Multiline))
                {
                    if (later.Contains(use.Groups[1].Value))
                    {
                        wrong.Add($"{Path.GetRelativePath(src, file)}: using Tiering.Rules.{use.Groups[1].Value}");
                    }
                }
            }
        }

        wrong.Should().BeEmpty("a layer may name only the layers before it (docs/DESIGN.md §1)");
    }

    [Fact]
    public void Check_ReportsAnEdgeThatExists()
    {
        // The checks above pass only if they can fail: Compilation really does use Model, so asking for the opposite fails.
        var result = InNamespace("Compilation").ShouldNot().HaveDependencyOnAny($"{Root}.Model").GetResult();

        result.IsSuccessful.Should().BeFalse();
        result.FailingTypeNames.Should().Contain($"{Root}.Compilation.CompiledPolicy");
    }

    [Fact]
    public void Check_TellsAFacadeTypeFromAVocabularyTypeWithTheSamePrefix()
    {
        // Decision is façade, DecisionStatus vocabulary: a dependency on the second must not count as one on the first.
        var facade = InNamespace("Compilation").And().HaveName("Outcome").ShouldNot().HaveDependencyOnAny(FacadeTypes()).GetResult();
        var vocabulary = InNamespace("Compilation").And().HaveName("Outcome").Should().HaveDependencyOn($"{Root}.DecisionStatus").GetResult();

        facade.IsSuccessful.Should().BeTrue();
        vocabulary.IsSuccessful.Should().BeTrue();
    }

    private static PredicateList InNamespace(string layer) =>
        Types.InAssembly(Engine).That().ResideInNamespaceMatching($"^{Regex.Escape($"{Root}.{layer}")}$");

    /// <summary>The root namespace's types that are not vocabulary: the façade (full names, nested types excluded).</summary>
    private static string[] FacadeTypes() =>
        [.. Engine.GetTypes()
            .Where(t => t.Namespace == Root && !t.IsNested && !t.Name.StartsWith('<') && !Vocabulary.Contains(t.Name.Split('`')[0]))
            .Select(t => t.FullName!)];

    private static string Failing(TestResult result) => string.Join(", ", result.FailingTypeNames ?? []);
}
