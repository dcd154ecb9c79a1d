namespace Tiering.Rules.Cli.Tests;

/// <summary><c>classify</c> and <c>explain</c> on group policies: the loan book, accounts and sales lines of samples/data.</summary>
public sealed class GroupPolicyCommandTests
{
    private static readonly string Root = FindRoot();
    private static readonly string Rules = Path.Combine(Root, "rules");
    private static readonly string Book = Path.Combine(Root, "samples", "data", "loan-book.csv");

    [Fact]
    public void Classify_LoanBook_OneLinePerLoanInInputOrderWithTheDebtorsAggregates()
    {
        var (exit, output, _) = Run("classify", "--rules", Rules, "--policy", "loan-risk-portfolio", "--as-of", "2024-01-01", "--input", Book, "--id-field", "id");

        exit.Should().Be(0);
        var lines = output.TrimEnd().Split('\n');
        lines.Should().HaveCount(14, "records read == records written");
        lines.Select(l => l[7..10]).Should().Equal("L01", "L02", "L03", "L04", "L05", "L06", "L07", "L08", "L09", "L10", "L11", "L12", "L13", "L14");
        lines[1].Should().Contain("\"key\":\"D100\"").And.Contain("\"grade\":\"normal\"").And.Contain("\"npShare\":0.1}").And.Contain("\"excluded\":1");
        lines[3].Should().Contain("\"grade\":\"substandard\"").And.Contain("\"fired\":[\"ART7-CONTAGION\"]").And.Contain("\"npShare\":0.10001");
        lines[4].Should().Contain("\"fired\":[\"OWN-SM\",\"ART7-CONTAGION\"]");
        lines[6].Should().Contain("\"grade\":\"normal\"", "a retail debtor does not contaminate");
        lines[8].Should().Contain("\"grade\":\"normal\"").And.Contain("\"outputs\":{\"debtorBalance\":0}", "a zero balance has no share");
        lines[9].Should().Contain("\"status\":\"invalid\"").And.Contain("nonRetail").And.Contain("debtorId = X500");
        lines[11].Should().Contain("\"status\":\"invalid\"").And.Contain("\"field\":\"balance\"");
        lines[13].Should().Contain("\"grade\":\"substandard\"").And.Contain("\"npShare\":0.25");
    }

    [Fact]
    public void Classify_LoanBookOnNRules_WritesTheCompiledEnginesLinesExactly()
    {
        string[] args = ["classify", "--rules", Rules, "--policy", "loan-risk-portfolio", "--as-of", "2024-01-01", "--input", Book, "--id-field", "id"];

        var compiled = Run([.. args]);
        var nrules = Run([.. args, "--engine", "nrules"]);

        nrules.Exit.Should().Be(0);
        nrules.Out.Should().Be(compiled.Out).And.Contain("ART7-CONTAGION");
    }

    [Fact]
    public void Classify_SortedFlagOnUnsortedInput_FailsNamingTheRecord()
    {
        var (exit, _, errors) = Run("classify", "--rules", Rules, "--policy", "loan-risk-portfolio", "--as-of", "2024-01-01", "--input", Book, "--sorted");

        exit.Should().Be(1);
        errors.Should().Contain("record 10: key debtorId = X500 comes after debtorId = Z400");
    }

    [Fact]
    public void Classify_SortedInput_SameLinesAsUnsorted()
    {
        var lines = File.ReadAllLines(Book);
        var sorted = Path.Combine(Path.GetTempPath(), $"book-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(sorted, [lines[0], .. lines.Skip(1).OrderBy(l => l.Split(',')[1], StringComparer.Ordinal)]);
        try
        {
            string[] args = ["classify", "--rules", Rules, "--policy", "loan-risk-portfolio", "--as-of", "2024-01-01", "--input", sorted, "--id-field", "id"];

            var streamed = Run([.. args, "--sorted"]);
            var whole = Run(args);

            streamed.Exit.Should().Be(0);
            streamed.Out.Should().Be(whole.Out);
            streamed.Out.TrimEnd().Split('\n').Should().HaveCount(14);
        }
        finally
        {
            File.Delete(sorted);
        }
    }

    [Fact]
    public void Classify_Accounts_OneLinePerCustomerInFirstAppearanceOrder()
    {
        var (exit, output, _) = Run("classify", "--rules", Rules, "--policy", "customer-aum-tier", "--input", Path.Combine(Root, "samples", "data", "accounts.csv"));

        exit.Should().Be(0);
        var lines = output.TrimEnd().Split('\n');
        lines.Select(l => l.Contains("\"status\":\"invalid\"", StringComparison.Ordinal) && l.Contains("\"field\":\"balance\"", StringComparison.Ordinal) ? "bad" : l[(l.IndexOf("\"key\":\"", StringComparison.Ordinal) + 7)..][..3])
            .Should().Equal("C01", "C02", "C03", "C04", "bad");
        lines[0].Should().Contain("\"members\":4").And.Contain("\"grade\":\"tier_2\"").And.Contain("\"aum\":50000").And.Contain("\"accounts\":4");
        lines[1].Should().Contain("\"grade\":\"tier_5\"").And.Contain("\"aum\":3000001");
    }

    [Fact]
    public void Classify_SalesLines_SharesOfTheWholeInputAtTheEdges()
    {
        var (exit, output, _) = Run("classify", "--rules", Rules, "--policy", "big-customer-from-sales", "--input", Path.Combine(Root, "samples", "data", "sales-lines.csv"));

        exit.Should().Be(0);
        var lines = output.TrimEnd().Split('\n');
        lines.Should().HaveCount(6);
        lines[0].Should().Contain("\"key\":\"K01\"").And.Contain("\"grade\":\"strategic\"").And.Contain("\"shareOfCompanySales\":0.05");
        lines[2].Should().Contain("\"key\":\"K03\"").And.Contain("\"grade\":\"key\"").And.Contain("\"shareOfCompanySales\":0.01");
        lines[3].Should().Contain("\"key\":\"K04\"").And.Contain("\"grade\":\"ordinary\"");
        lines[5].Should().Contain("\"key\":\"K06\"").And.Contain("\"status\":\"invalid\"").And.Contain("strategicSignificance");
    }

    [Fact]
    public void Explain_GroupOfLoans_ShowsTheAggregatesAndTheMembersBehindThem()
    {
        var loan = """{"debtorId":"D1","balance":BAL,"nonRetail":true,"overdueDays":DAYS,"technicalOverdue":false,"creditImpaired":false,"eclToCarrying":0,"overdue90ShareAllBanks":0,"restructured":false,"priorCategory":"normal"}""";
        var facts = $"[{loan.Replace("BAL", "0", StringComparison.Ordinal).Replace("DAYS", "100", StringComparison.Ordinal)},{loan.Replace("BAL", "0", StringComparison.Ordinal).Replace("DAYS", "0", StringComparison.Ordinal)}]";

        var (exit, output, _) = Run("explain", "--rules", Rules, "--policy", "loan-risk-portfolio", "--as-of", "2024-01-01", "--fact", facts);

        exit.Should().Be(0);
        output.Should().Contain("Group: debtorId = D1 — 2 member(s) counted")
            .And.Contain("group.npShare = (missing)")
            .And.Contain("the total balance of the group is 0; a rule that reads group.npShare does not fire")
            .And.Contain("record 1: debtorBalance: balance = 0; npShare: balance = 0, in the part")
            .And.Contain("== record 2 (debtorId = D1)");
    }

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = CliApp.Run(args, stdout, stderr, new StringReader(string.Empty));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Tiering.Rules.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
