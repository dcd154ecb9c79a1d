using System.Text;

namespace Tiering.Rules.Cli.Tests.Commands;

/// <summary>
/// The operator scenarios of issue 22 against `tiering classify`: each gives its exit code and message, and the
/// summary's records read equal the records written (and the lines on standard output).
/// </summary>
public sealed class ClassifyOperatorScenarioTests
{
    [Fact]
    public void Classify_UnterminatedQuote_OneInvalidRecordNamingTheLine_AndEveryOtherRecordDecided()
    {
        const string csv = "id,aum\nA,1000\n\"B,2000\nC,3000\nD,4000\nE,5000\n";

        var run = CliRun.ClassifyAum(csv);

        run.Exit.Should().Be(0);
        run.Ids.Should().Equal("A", null, "C", "D", "E");
        run.Statuses.Should().Equal("classified", "invalid", "classified", "classified", "classified");
        run.Lines[1].GetProperty("errors")[0].GetProperty("message").GetString().Should().Be("line 3: the quote that opens cell 1 is never closed");
        run.Counts.Should().Be((5L, 5L));
    }

    [Fact]
    public void Classify_RowWithMoreCellsThanTheHeader_IsInvalidNamingTheLine_NotTruncated()
    {
        const string csv = "id,aum\nC1,500\nC2,1,000,000\nC3,2000\n";

        var run = CliRun.ClassifyAum(csv);

        run.Exit.Should().Be(0);
        run.Statuses.Should().Equal("classified", "invalid", "classified");
        var error = run.Lines[1].GetProperty("errors")[0];
        error.GetProperty("field").GetString().Should().Be("(input)");
        error.GetProperty("message").GetString().Should().StartWith("line 3: 4 cells, but the header has 2 columns");
        run.Lines[1].GetProperty("grade").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "aum = 1 must not be invented from '1,000,000'");
        run.Counts.Should().Be((3L, 3L));
    }

    [Fact]
    public void Classify_RowWithFewerCells_IsInvalidNamingTheLine()
    {
        var run = CliRun.ClassifyAum("id,aum\nA\nB,1000\n");

        run.Statuses.Should().Equal("invalid", "classified");
        run.Lines[0].GetProperty("errors")[0].GetProperty("message").GetString().Should().Be("line 2: 1 cell, but the header has 2 columns");
        run.Counts.Should().Be((2L, 2L));
    }

    [Fact]
    public void Classify_QuoteInsideAnUnquotedCell_AndTextAfterAClosingQuote_AreInvalidRecords()
    {
        var run = CliRun.ClassifyAum("id,aum\nA\"x,1000\n\"B\"y,1000\n\"C \"\"q\"\"\",1000\n");

        run.Statuses.Should().Equal("invalid", "invalid", "classified");
        run.Lines[0].GetProperty("errors")[0].GetProperty("message").GetString().Should().StartWith("line 2: cell 1 has a quote but does not start with one");
        run.Lines[1].GetProperty("errors")[0].GetProperty("message").GetString().Should().StartWith("line 3: cell 1 has text after its closing quote");
        run.Ids[2].Should().Be("C \"q\"", "a doubled quote inside a quoted cell is one quote");
        run.Counts.Should().Be((3L, 3L));
    }

    [Fact]
    public void Classify_QuotedCellWithALineBreak_IsOneRecord_AndLaterLinesKeepTheirNumbers()
    {
        var run = CliRun.ClassifyAum("id,aum\n\"A\nsecond line\",1000\nB,x\n");

        run.Ids.Should().Equal("A\nsecond line", "B");
        run.Lines[1].GetProperty("errors")[0].GetProperty("field").GetString().Should().Be("aum");
        run.Counts.Should().Be((2L, 2L));
    }

    [Fact]
    public void Classify_DuplicateHeader_IsAUsageErrorNamingTheColumns()
    {
        var run = CliRun.ClassifyAum("id,aum,aum\nA,1,2\n");

        run.Exit.Should().Be(2);
        run.Errors.Should().Equal("error: standard input: line 1: column 'aum' appears twice in the header (columns 2 and 3); rename or remove one");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Classify_HeaderTypo_IsAUsageErrorWithDidYouMean()
    {
        var csv = File.ReadAllText(Path.Combine(CliRun.Root, "samples", "data", "loans.csv")).Replace("overdueDays", "overdueDay", StringComparison.Ordinal);

        var run = CliRun.Run(csv, "classify", "--rules", CliRun.Rules, "--policy", "loan-five-category", "--input", "-", "--format", "csv", "--id-field", "id");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should()
            .StartWith("error: standard input: line 1: the header lacks column 'overdueDays' (found 'overdueDay': did you mean 'overdueDays'?) that policy 'loan-five-category' needs");
        run.Out.Should().BeEmpty("no record is decided when the header cannot match");
    }

    [Fact]
    public void Classify_UnknownColumn_WarnsUnlessIgnored()
    {
        var warned = CliRun.ClassifyAum("id,aum,branch\nA,1000,x\n");
        var ignored = CliRun.ClassifyAum("id,aum,branch\nA,1000,x\n", "--ignore-columns", "branch");

        warned.Exit.Should().Be(0);
        warned.Err.Should().Contain("warning: column 'branch' is not a field of policy 'retail-aum-tier' and is ignored");
        ignored.Exit.Should().Be(0);
        ignored.Err.Should().NotContain("warning");
        ignored.Statuses.Should().Equal("classified");
    }

    [Fact]
    public void Classify_IdFieldNotInTheHeader_IsAUsageError()
    {
        var run = CliRun.ClassifyAum("ID,aum\nA,1000\n");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().StartWith("error: standard input: line 1: the header has no column 'id' (--id-field); did you mean 'ID'?");
    }

    [Fact]
    public void Classify_Utf8BomOnStandardInput_IsNotPartOfTheFirstColumnsName()
    {
        var run = CliRun.ClassifyAum([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("id,aum\nA,1000\n")]);

        run.Exit.Should().Be(0);
        run.Ids.Should().Equal("A");
        run.Statuses.Should().Equal("classified");
    }

    [Fact]
    public void Classify_InvalidUtf8_IsAUsageErrorNamingTheLineAndByteOffset_NeverU_FFFD()
    {
        byte[] input = [.. Encoding.UTF8.GetBytes("id,aum\nA,1000\nB"), 0xFF, .. Encoding.UTF8.GetBytes(",2000\nC,3000\n")];

        var run = CliRun.ClassifyAum(input);

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().Be("error: standard input: line 3, byte offset 15: the input is not valid UTF-8: a byte sequence (ff) does not decode; if the file is a GBK or GB18030 export, give --encoding gb18030");
        run.Out.Should().NotContain("\uFFFD");
        run.Ids.Should().Equal("A");
        run.Counts.Should().Be((1L, 1L));
    }

    [Fact]
    public void Classify_GbkInputWithoutEncoding_IsAUsageError_AndWithEncodingGbk_KeepsTheChineseText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding(936).GetBytes("id,aum\n张三,1000\n李四,300000\n");

        var without = CliRun.ClassifyAum(gbk);
        var with = CliRun.ClassifyAum(gbk, "--encoding", "gbk");
        var with18030 = CliRun.ClassifyAum(gbk, "--encoding", "gb18030");

        without.Exit.Should().Be(2);
        without.Errors.Should().ContainSingle().Which.Should().StartWith("error: standard input: line 2, byte offset 7: the input is not valid UTF-8").And.EndWith("give --encoding gb18030");
        without.Out.Should().BeEmpty();
        with.Exit.Should().Be(0);
        with.Ids.Should().Equal("张三", "李四");
        with.Statuses.Should().Equal("classified", "classified");
        with.Counts.Should().Be((2L, 2L));
        with18030.Ids.Should().Equal("张三", "李四");
    }

    [Fact]
    public void Classify_InvalidGbkBytes_NameTheLineAndByteOffset()
    {
        byte[] input = [.. Encoding.ASCII.GetBytes("id,aum\nA,1\nB,2\n"), 0x81, 0x20, .. Encoding.ASCII.GetBytes(",3\n")];

        var run = CliRun.ClassifyAum(input, "--encoding", "gbk");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().StartWith("error: standard input: line 4, byte offset 15: the input is not valid GBK");
        run.Counts.Should().Be((2L, 2L));
    }

    [Fact]
    public void Classify_Utf16WithByteOrderMark_IsReadWithoutEncoding_AndAContradictingEncodingIsAUsageError()
    {
        byte[] utf16 = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("id,aum\n王五,1000\n")];

        var detected = CliRun.ClassifyAum(utf16);
        var contradicted = CliRun.ClassifyAum(utf16, "--encoding", "gbk");

        detected.Exit.Should().Be(0);
        detected.Ids.Should().Equal("王五");
        contradicted.Exit.Should().Be(2);
        contradicted.Errors.Should().Equal("error: standard input: the input starts with a UTF-16LE byte order mark, but --encoding gbk was given; drop --encoding or give --encoding utf-16le");
    }

    [Fact]
    public void Classify_Utf16WithoutByteOrderMark_SaysToGiveTheEncoding()
    {
        var run = CliRun.ClassifyAum(Encoding.Unicode.GetBytes("id,aum\nA,1000\n"));

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().Contain("looks like UTF-16").And.Contain("--encoding utf-16");
    }

    [Theory]
    [InlineData("id,aum\nA,0.1000000000000000000000000000001\n")]
    [InlineData("{\"id\":\"A\",\"aum\":0.1000000000000000000000000000001}\n")]
    [InlineData("{\"id\":\"A\",\"aum\":1e-30}\n")]
    public void Classify_NumberNoDecimalHoldsExactly_IsInvalidNamingTheField_NotRounded(string input)
    {
        var run = CliRun.ClassifyAum(input);

        run.Exit.Should().Be(0);
        run.Statuses.Should().Equal("invalid");
        var error = run.Lines[0].GetProperty("errors")[0];
        error.GetProperty("field").GetString().Should().Be("aum");
        error.GetProperty("message").GetString().Should().StartWith("line ").And.Contain("it would be rounded to");
        run.Counts.Should().Be((1L, 1L));
    }

    [Fact]
    public void Classify_NumberOutOfDecimalRange_IsInvalidNamingTheField()
    {
        var run = CliRun.ClassifyAum("id,aum\nA,100000000000000000000000000000000\n");

        run.Lines[0].GetProperty("errors")[0].GetProperty("message").GetString().Should().Contain("beyond the range of a decimal");
    }

    [Fact]
    public void Classify_JsonLineWithADuplicateKey_IsInvalidNamingTheKey()
    {
        var run = CliRun.ClassifyAum("{\"id\":\"A\",\"aum\":1000,\"aum\":5000000}\n{\"id\":\"B\",\"aum\":1000}\n");

        run.Statuses.Should().Equal("invalid", "classified");
        var error = run.Lines[0].GetProperty("errors")[0];
        error.GetProperty("field").GetString().Should().Be("aum");
        error.GetProperty("message").GetString().Should().Be("line 1: key 'aum' appears twice");
        run.Counts.Should().Be((2L, 2L));
    }

    [Fact]
    public void Classify_JsonLinesFirstRecordWithAMisspelledKey_IsAUsageError()
    {
        var run = CliRun.ClassifyAum("{\"id\":\"A\",\"aun\":1000}\n");

        run.Exit.Should().Be(2);
        run.Errors.Should().Equal("error: standard input: line 1: the first record lacks key 'aum' (found 'aun': did you mean 'aum'?) that policy 'retail-aum-tier' needs");
    }

    [Fact]
    public void Classify_VersionedPolicyWithoutAsOf_IsAUsageErrorListingTheVersions()
    {
        var run = CliRun.Run("{\"overdueDays\": 10}\n", "classify", "--rules", CliRun.Rules, "--policy", "loan-risk-regulatory", "--input", "-");

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should()
            .StartWith("error: policy 'loan-risk-regulatory' has 2 effective-dated versions; give --as-of yyyy-mm-dd to choose one: 2007 (")
            .And.Contain("2023 (from 2023-07-01)");
        run.Out.Should().BeEmpty();
    }

    [Fact]
    public void Classify_AsOfOutsideEveryVersion_IsAUsageError()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-asof-");
        File.WriteAllText(Path.Combine(dir.FullName, "p.yaml"), """
            policy: p
            version: "2020"
            effective: { from: 2020-01-01 }
            fields: { n: { type: integer } }
            grades: [a]
            hitPolicy: first
            default: a
            rules:
              - { id: R1, when: "n > 1", then: a }
            """);

        var run = CliRun.Run("{\"n\": 10}\n", "classify", "--rules", dir.FullName, "--policy", "p", "--as-of", "2019-12-31", "--input", "-");

        run.Exit.Should().Be(2);
        run.Errors.Should().Equal("error: no version of policy 'p' is effective on 2019-12-31: 2020 (from 2020-01-01)");
    }

    [Fact]
    public void Classify_EmptyLines_AreNotRecords_AndCrLfEndsALine()
    {
        var run = CliRun.ClassifyAum("id,aum\r\nA,1000\r\n\r\nB,2000\r\n");

        run.Ids.Should().Equal("A", "B");
        run.Statuses.Should().Equal("classified", "classified");
        run.Counts.Should().Be((2L, 2L));
    }
}
