namespace Tiering.Rules.Cli.Tests.Commands;

public sealed class SchemaCommandTests
{
    [Fact]
    public void Schema_WritesBothSchemas_AsTheRepositoryHasThem()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("tiering-schema-").FullName, "schema");

        var run = CliRun.Run(string.Empty, "schema", dir);

        run.Exit.Should().Be(0);
        foreach (var name in new[] { "policy.schema.json", "policy-tests.schema.json" })
        {
            File.ReadAllText(Path.Combine(dir, name)).Should().Be(File.ReadAllText(Path.Combine(CliRun.Rules, "schema", name)));
            run.Out.Should().Contain(Path.Combine(dir, name));
        }

        run.Err.Should().Contain("# yaml-language-server: $schema=");
    }
}
