using ImdbSentiment.Cli;
using ImdbSentiment.Cli.Internal;

return SentimentApp.Run(args, CliConsole.FromProcess());
