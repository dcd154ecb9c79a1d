using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Tiering.Rules.Cli.Output;

/// <summary>A progress column with the records done and the rate: <c>1,234,567 records · 250,000/s</c>.</summary>
internal sealed class RecordRateColumn(Func<long> records) : ProgressColumn
{
    /// <inheritdoc/>
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime)
    {
        var done = records();
        var seconds = task.ElapsedTime?.TotalSeconds ?? 0;
        var rate = seconds > 0 ? (done / seconds).ToString("N0", CultureInfo.InvariantCulture) + "/s" : "–";
        return new Spectre.Console.Text($"{done.ToString("N0", CultureInfo.InvariantCulture)} records · {rate}");
    }
}
