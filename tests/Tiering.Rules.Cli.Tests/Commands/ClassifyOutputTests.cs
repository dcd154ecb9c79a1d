using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Tiering.Rules.Cli.Tests.Commands;

/// <summary>
/// `tiering classify` output: --output appears only when the run completes, an interrupt stops at a record boundary
/// with the summary and exit 130/143, and --summary-json gives schedulers the counts.
/// </summary>
public sealed class ClassifyOutputTests
{
    private static string AumCsv(int records) =>
        "id,aum\n" + string.Concat(Enumerable.Range(0, records).Select(i => $"C{i},{i * 100}\n"));

    [Fact]
    public void Classify_Output_IsRenamedIntoPlaceWhenTheRunCompletes_AndNoTemporaryFileStays()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-out-");
        var target = Path.Combine(dir.FullName, "decisions.jsonl");

        var run = CliRun.ClassifyAum(AumCsv(1000), "--output", target);

        run.Exit.Should().Be(0);
        run.Out.Should().BeEmpty();
        File.ReadAllLines(target).Should().HaveCount(1000);
        Directory.GetFiles(dir.FullName).Should().Equal(target);
        run.Counts.Should().Be((1000L, 1000L));
    }

    [Fact]
    public void Classify_InputThatStopsDecodingMidRun_LeavesAnExistingOutputAsItWas()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-out-");
        var target = Path.Combine(dir.FullName, "decisions.jsonl");
        File.WriteAllText(target, "yesterday's run\n");
        byte[] input = [.. Encoding.UTF8.GetBytes(AumCsv(500)), 0xFF, .. "\n"u8];

        var run = CliRun.ClassifyAum(input, "--output", target);

        run.Exit.Should().Be(2);
        run.Errors.Should().ContainSingle().Which.Should().StartWith("error: standard input: line 502, byte offset");
        run.Err.Should().Contain($"note: --output '{target}' was not written: the run did not complete");
        File.ReadAllText(target).Should().Be("yesterday's run\n");
        Directory.GetFiles(dir.FullName).Should().Equal(target);
        run.Counts.Should().Be((500L, 500L));
    }

    [Fact]
    public void Classify_InterruptedMidRun_StopsAtARecordBoundary_WithTheSummary_Exit130_AndNoOutputFile()
    {
        var dir = Directory.CreateTempSubdirectory("tiering-out-");
        var target = Path.Combine(dir.FullName, "decisions.jsonl");
        var summary = Path.Combine(dir.FullName, "summary.json");
        var interrupt = Interrupt.Manual();
        var input = new InterruptingStream(Encoding.UTF8.GetBytes(AumCsv(100_000)), afterReads: 3, () => interrupt.Request("SIGINT", Interrupt.InterruptedExitCode));

        var run = CliRun.Run(input, interrupt, "classify", "--rules", CliRun.Rules, "--policy", "retail-aum-tier", "--input", "-", "--format", "csv", "--output", target, "--summary-json", summary);

        run.Exit.Should().Be(130);
        run.Err.Should().Contain("interrupted by SIGINT");
        var (read, written) = run.Counts;
        read.Should().BeGreaterThan(0).And.BeLessThan(100_000);
        written.Should().Be(read);
        File.Exists(target).Should().BeFalse("no half file under the target name");
        Directory.GetFiles(dir.FullName).Should().Equal(summary);
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        json.RootElement.GetProperty("outcome").GetString().Should().Be("interrupted");
        json.RootElement.GetProperty("exitCode").GetInt32().Should().Be(130);
        json.RootElement.GetProperty("recordsRead").GetInt64().Should().Be(read);
        json.RootElement.GetProperty("recordsWritten").GetInt64().Should().Be(read);
    }

    [Fact]
    public void Classify_SummaryJson_CountsByStatusAndByGradeInThePolicysGradeOrder()
    {
        var summary = Path.Combine(Directory.CreateTempSubdirectory("tiering-out-").FullName, "summary.json");

        var run = CliRun.ClassifyAum("id,aum\nA,1000\nB,3000000\nC,x\nD,\"1,\nE,2000\n", "--summary-json", summary);

        run.Exit.Should().Be(0);
        using var json = JsonDocument.Parse(File.ReadAllText(summary));
        var root = json.RootElement;
        root.GetProperty("policy").GetString().Should().Be("retail-aum-tier");
        root.GetProperty("outcome").GetString().Should().Be("completed");
        root.GetProperty("recordsRead").GetInt64().Should().Be(5);
        root.GetProperty("recordsWritten").GetInt64().Should().Be(5);
        root.GetProperty("unreadable").GetInt64().Should().Be(1);
        root.GetProperty("byStatus").GetProperty("classified").GetInt64().Should().Be(3);
        root.GetProperty("byStatus").GetProperty("invalid").GetInt64().Should().Be(2);
        var grades = root.GetProperty("byGrade").EnumerateArray().ToList();
        var policy = PolicySet.LoadDirectory(CliRun.Rules).Policies.Single(p => p.Id == "retail-aum-tier");
        grades.Select(g => g.GetProperty("grade").GetString()).Should().Equal(policy.Grades.Select(g => g.Id));
        grades.Sum(g => g.GetProperty("records").GetInt64()).Should().Be(3);
        root.GetProperty("elapsedSeconds").GetDouble().Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Classify_RealSigintToTheProcess_StopsAtARecordBoundary_Exit130_LinesEqualTheSummary()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return;   // kill -INT is how an operator's Ctrl-C reaches the process on Unix; Windows console events are not sent this way.
        }

        var dir = Directory.CreateTempSubdirectory("tiering-sigint-");
        var target = Path.Combine(dir.FullName, "decisions.jsonl");
        var tool = Path.Combine(AppContext.BaseDirectory, "tiering.dll");

        // A run started as a shell's background job (`.ci/run &`) inherits SIGINT ignored, and so would the tool, as a
        // background job should; the operator's Ctrl-C reaches a foreground process, so give the tool SIGINT back.
        var sigintIgnored = OperatingSystem.IsLinux() && SigintIgnoredHere();
        var start = new ProcessStartInfo(sigintIgnored ? "env" : "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (sigintIgnored)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        foreach (var arg in new[] { tool, "classify", "--rules", CliRun.Rules, "--policy", "retail-aum-tier", "--input", "-", "--format", "csv", "--id-field", "id", "--output", target })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var fed = 0;
        var feeder = Task.Run(() =>
        {
            try
            {
                process.StandardInput.Write("id,aum\n");
                for (var i = 0; ; i++)
                {
                    process.StandardInput.Write($"C{i},{i % 5_000_000}\n");
                    fed = i;
                }
            }
            catch (IOException)
            {
                // The process stopped reading and ended: the pipe is closed.
            }
        });

        // Feed until the process has surely read records (the pipe holds only 64 KiB), then press Ctrl-C.
        SpinWait.SpinUntil(() => Volatile.Read(ref fed) > 50_000, TimeSpan.FromSeconds(60)).Should().BeTrue("the process reads its input");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await feeder;
        var err = await stderr;

        process.ExitCode.Should().Be(130, err);
        err.Should().Contain("interrupted by SIGINT").And.Contain($"note: --output '{target}' was not written");
        var counts = new CliRun.Result(process.ExitCode, await stdout, err).Counts;
        counts.Read.Should().BeGreaterThan(0);
        counts.Written.Should().Be(counts.Read);
        File.Exists(target).Should().BeFalse();
        Directory.GetFiles(dir.FullName).Should().BeEmpty("the temporary file is removed too");
    }

    /// <summary>Whether this process ignores SIGINT (bit 2 of <c>SigIgn</c> in <c>/proc/self/status</c>), which its children inherit.</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0b10) != 0;
    }

    /// <summary>Hands out its bytes a little at a time and calls <c>onRead</c> once after a number of reads (a Ctrl-C mid-run).</summary>
    private sealed class InterruptingStream(byte[] bytes, int afterReads, Action onRead) : MemoryStream(bytes)
    {
        private int _reads;

        public override int Read(byte[] buffer, int offset, int count)
        {
            Tick();
            return base.Read(buffer, offset, Math.Min(count, 4096));
        }

        public override int Read(Span<byte> buffer)
        {
            Tick();
            var chunk = new byte[Math.Min(buffer.Length, 4096)];
            var n = base.Read(chunk, 0, chunk.Length);
            chunk.AsSpan(0, n).CopyTo(buffer);
            return n;
        }

        private void Tick()
        {
            if (++_reads == afterReads)
            {
                onRead();
            }
        }
    }
}
