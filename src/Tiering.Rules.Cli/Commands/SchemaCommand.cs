using System.CommandLine;

namespace Tiering.Rules.Cli.Commands;

/// <summary>
/// <c>tiering schema [dir]</c>: writes the JSON schemas of policy files and policy test files (the tool carries them),
/// so an editor can complete and check policies outside this repository.
/// </summary>
internal static class SchemaCommand
{
    /// <summary>The schemas, by file name, as embedded in the tool from rules/schema.</summary>
    public static readonly string[] Names = ["policy.schema.json", "policy-tests.schema.json"];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var directory = new Argument<string>("dir") { Description = "Where to write the schemas.", DefaultValueFactory = _ => "schema" };
        var command = new Command("schema", "Write the JSON schemas of policy files and policy test files, for editors.") { directory };
        command.SetAction(parse => Run(parse.GetValue(directory)!, stdout, stderr));
        return command;
    }

    private static int Run(string directory, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            Directory.CreateDirectory(directory);
            foreach (var name in Names)
            {
                using var resource = typeof(SchemaCommand).Assembly.GetManifestResourceStream("schema/" + name)!;
                var path = Path.Combine(directory, name);
                using (var file = File.Create(path))
                {
                    resource.CopyTo(file);
                }

                stdout.WriteLine(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write the schemas to '{directory}': {ex.Message}");
            return CliApp.Usage;
        }

        stderr.WriteLine($"First line of a policy file:       # yaml-language-server: $schema={Path.Combine(directory, Names[0])}");
        stderr.WriteLine($"First line of a policy test file:  # yaml-language-server: $schema={Path.Combine(directory, Names[1])}");
        return CliApp.Ok;
    }
}
