namespace Tiering.Rules.Cli.Tests.Commands;

/// <summary>`tiering classify` with a datetime field: CSV cells with an offset decide, a cell without one is invalid naming the field.</summary>
public sealed class ClassifyDateTimeTests
{
    private const string Policy = """
        policy: transfers
        version: "1"
        fields: { sent: { type: datetime }, received: { type: datetime } }
        grades: [on_time, late]
        hitPolicy: worst
        default: on_time
        rules:
          - { id: LATE, when: date(received) > date(sent), then: late, outputs: { at: "=received" } }
        """;

    [Theory]
    [InlineData("compiled")]
    [InlineData("nrules")]
    public void Classify_DateTimeCells_DecideByTheirOwnOffsetAndRefuseTextWithoutOne(string engine)
    {
        var dir = Directory.CreateTempSubdirectory("tiering-datetime-");
        File.WriteAllText(Path.Combine(dir.FullName, "transfers.yaml"), Policy);
        const string input = "id,sent,received\nT1,2024-03-01T09:00:00+08:00,2024-03-01T23:00:00+08:00\nT2,2024-03-01T09:00:00+08:00,2024-03-02T01:00:00+09:00\nT3,2024-03-01T09:00:00+08:00,2024-03-01T16:00:00\n";

        var run = CliRun.Run(input, "classify", "--rules", dir.FullName, "--policy", "transfers", "--input", "-", "--id-field", "id", "--engine", engine);

        run.Exit.Should().Be(0, run.Err);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().Contain("\"grade\":\"on_time\"", "23:00+08:00 is still 03-01 at its offset");
        lines[1].Should().Contain("\"grade\":\"late\"").And.Contain("\"at\":\"2024-03-02T01:00:00+09:00\"", "01:00+09:00 is 16:00Z on 03-01, but its own date is 03-02");
        lines[2].Should().Contain("\"status\":\"invalid\"").And.Contain("\"field\":\"received\"");
        run.Counts.Should().Be((3L, 3L));
    }
}
