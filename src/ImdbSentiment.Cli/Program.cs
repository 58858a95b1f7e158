using ImdbSentiment.Cli;

return SentimentApp.Run(args, Console.Error);
