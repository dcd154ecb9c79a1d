using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Tiering.Rules.Tests.Support;

namespace Tiering.Rules.Tests.Architecture;

/// <summary>
/// One public type per file, named after it: every <c>src/**/*.cs</c> declares at most one public top-level type, and
/// a file that declares one is named after it (<c>Grade.cs</c>; a part of a partial type may add a suffix,
/// <c>PolicySet.Explain.cs</c>). Internal types may share a file with the type they serve.
/// </summary>
/// <remarks>
/// A test rather than StyleCop: SA1402 and SA1649 count internal types too, so they would split every small internal
/// record that lives beside its user, which is not the rule. Files are read with Roslyn's parser, so comments, strings
/// and nested types cannot fool the count.
/// </remarks>
public sealed class OnePublicTypePerFileTests
{
    [Fact]
    public void SourceFiles_EachDeclaresAtMostOnePublicTypeNamedLikeTheFile()
    {
        var src = Repo.Path_("src");
        var files = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(src, path)))
            .Order(StringComparer.Ordinal)
            .ToList();

        var violations = files.SelectMany(path => Violations(Path.GetRelativePath(Repo.Root, path), File.ReadAllText(path))).ToList();

        files.Should().HaveCountGreaterThan(50, "every source file of every src/ project is checked");
        violations.Should().BeEmpty("a public type is the contract and gets a file of its own, named after it");
    }

    [Fact]
    public void Violations_TwoPublicTypesInOneFile_NamesTheFileAndBothTypes()
    {
        var violations = Violations("src/X/Grade.cs", """
            namespace Tiering.Rules;

            public sealed class Grade { }

            public enum GradeKind { A }
            """);

        violations.Should().ContainSingle().Which.Should().Be("src/X/Grade.cs declares 2 public types (Grade, GradeKind); give each its own file");
    }

    [Fact]
    public void Violations_PublicTypeNamedUnlikeTheFile_NamesBoth()
    {
        var violations = Violations("src/X/DecisionTypes.cs", "namespace N { public record FieldError(string Field); }");

        violations.Should().ContainSingle().Which.Should().Be("src/X/DecisionTypes.cs declares public type FieldError; name the file FieldError.cs");
    }

    [Theory]
    [InlineData("Grade.cs", "namespace N; public sealed class Grade { public enum Nested { A } }")]
    [InlineData("Grade.cs", "namespace N; internal sealed record Helper(int X); public sealed class Grade { } file sealed class Local { }")]
    [InlineData("Helpers.cs", "namespace N; internal static class A { } sealed class B { } internal enum C { D }")]
    [InlineData("PolicySet.Explain.cs", "namespace N; public sealed partial class PolicySet { }")]
    [InlineData("Result.cs", "namespace N { namespace M { public readonly record struct Result<T>(T Value); } }")]
    [InlineData("Handler.cs", "namespace N; public delegate void Handler(int x); // public class InAComment { }")]
    public void Violations_OnePublicTypeNamedLikeTheFile_NoneReported(string file, string source)
    {
        Violations(file, source).Should().BeEmpty();
    }

    [Theory]
    [InlineData("Handlers.cs", "namespace N; public delegate void Handler(int x);")]
    [InlineData("Api.cs", "namespace N; public interface IApi { } public interface IApi2 { }")]
    [InlineData("PolicySetExplain.cs", "namespace N; public sealed partial class PolicySet { }")]
    public void Violations_PublicDelegateInterfaceOrPartial_AreCheckedToo(string file, string source)
    {
        Violations(file, source).Should().ContainSingle().Which.Should().StartWith(file);
    }

    /// <summary>What is wrong with one file: more than one public top-level type, or a public type the file is not named after.</summary>
    private static IEnumerable<string> Violations(string path, string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Preview)).GetCompilationUnitRoot();
        var types = TopLevelTypes(root.Members).Where(IsPublic).Select(Name).ToList();
        var fileName = Path.GetFileNameWithoutExtension(path);
        if (types.Count > 1)
        {
            yield return $"{path} declares {types.Count} public types ({string.Join(", ", types)}); give each its own file";
        }
        else if (types.Count == 1 && fileName != types[0] && !fileName.StartsWith(types[0] + ".", StringComparison.Ordinal))
        {
            yield return $"{path} declares public type {types[0]}; name the file {types[0]}.cs";
        }
    }

    /// <summary>Types declared directly in the file or in its namespaces (block or file-scoped), not nested in a type.</summary>
    private static IEnumerable<MemberDeclarationSyntax> TopLevelTypes(SyntaxList<MemberDeclarationSyntax> members) =>
        members.SelectMany(member => member switch
        {
            BaseNamespaceDeclarationSyntax ns => TopLevelTypes(ns.Members),
            BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => [member],
            _ => [],
        });

    private static bool IsPublic(MemberDeclarationSyntax type) => type.Modifiers.Any(SyntaxKind.PublicKeyword);

    private static string Name(MemberDeclarationSyntax type) => type switch
    {
        BaseTypeDeclarationSyntax t => t.Identifier.ValueText,
        DelegateDeclarationSyntax d => d.Identifier.ValueText,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind(), "not a type declaration"),
    };

    private static bool IsBuildOutput(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(part => part is "bin" or "obj");
}
