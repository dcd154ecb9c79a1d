using System.Text;
using Tiering.Rules.Cli;

// Standard output is buffered (one write per block, not two per record); the commands flush it at record boundaries
// before they end, and Ctrl-C / SIGTERM only ask a batch run to stop there (see Interrupt).
var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.OutputEncoding = utf8;
using var stdout = new StreamWriter(new BufferedStream(Console.OpenStandardOutput(), 1 << 16), utf8, bufferSize: 1 << 16) { AutoFlush = false };
using var stdin = Console.OpenStandardInput();
using var interrupt = Interrupt.OnSignals();
var exit = CliApp.Run(args, stdout, Console.Error, stdin, interrupt);
stdout.Flush();
return exit;
