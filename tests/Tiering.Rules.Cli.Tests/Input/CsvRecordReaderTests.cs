using System.Text;
using Tiering.Rules.Cli.Input;

namespace Tiering.Rules.Cli.Tests.Input;

public sealed class CsvRecordReaderTests
{
    private static readonly PolicyInfo Aum = PolicySet.LoadDirectory(CliRun.Rules).Policies.Single(p => p.Id == "retail-aum-tier");

    private static List<InputRecord> ReadAll(string csv, RecordFormat format = RecordFormat.Csv)
    {
        var options = new RecordReaderOptions { Fields = Aum.Fields, FieldsOwner = "policy 'retail-aum-tier'", IdField = "id" };
        using var reader = RecordReader.Open(new MemoryStream(Encoding.UTF8.GetBytes(csv)), format, null, options);
        var records = reader.ReadAll().ToList();
        reader.RecordsRead.Should().Be(records.Count);
        return records;
    }

    [Fact]
    public void Read_ManyRecordsAcrossBlocks_EveryRecordOnceInOrder_WithItsLine()
    {
        var csv = "id,aum\n" + string.Concat(Enumerable.Range(0, 50_000).Select(i => i % 1000 == 0 ? $"\"R{i}\nx\",{i}\n" : $"R{i},{i}\n"));

        var records = ReadAll(csv);

        records.Should().HaveCount(50_000);
        records.Should().OnlyContain(r => r.IsReadable);
        records[1].Line.Should().Be(4, "record 0 spans lines 2 and 3");
        records[^1].Id.Should().Be("R49999");
        records[^1].Fact["aum"].Should().Be(49999m);
        records[^1].Line.Should().Be(50_001 + 50);
    }

    [Fact]
    public void Read_UnterminatedQuoteLongerThanTheLimit_EndsAtItsLineBreak_AndReadingGoesOn()
    {
        var tail = string.Concat(Enumerable.Range(0, 120_000).Select(i => $"T{i},{i}\n"));   // over a million characters

        var records = ReadAll("id,aum\nA,1\n\"B,2\n" + tail);

        records.Should().HaveCount(2 + 120_000);
        records[1].Errors.Should().ContainSingle().Which.Message.Should().StartWith("line 3: the quote that opens cell 1 is not closed within 1,048,576 characters");
        records[2].Id.Should().Be("T0");
        records[2].Line.Should().Be(4);
        records[^1].Id.Should().Be("T119999");
    }

    [Fact]
    public void Read_EmptyCell_IsAbsentAndQuotedCellsKeepTheirSpaces()
    {
        var records = ReadAll("id,aum\n\" A \",\n B , 7 \n");

        records[0].Id.Should().Be(" A ");
        records[0].Fact["aum"].Should().BeNull();
        records[1].Id.Should().Be("B");
        records[1].Fact["aum"].Should().Be(7m);
    }

    [Fact]
    public void Open_HeaderOnly_HasNoRecords()
    {
        ReadAll("id,aum\n").Should().BeEmpty();
    }

    [Fact]
    public void Read_JsonLinesNotAnObjectOrTwoValues_AreUnreadableRecords()
    {
        var records = ReadAll("{\"id\":\"A\",\"aum\":1}\n[1]\n{\"aum\":1} {}\n\n{\"id\":7,\"aum\":true}\n", RecordFormat.JsonLines);

        records.Select(r => r.Line).Should().Equal(1, 2, 3, 5);
        records[1].Errors.Single().Message.Should().Be("line 2: a fact must be a JSON object");
        records[2].Errors.Single().Message.Should().StartWith("line 3: not valid JSON");
        records[3].Id.Should().Be("7");
        records[3].Fact["aum"].Should().Be(true, "the engine, not the reader, reports a value of the wrong type");
    }
}
