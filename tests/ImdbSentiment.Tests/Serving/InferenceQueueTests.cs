using System.Collections.Concurrent;
using System.Net;
using ImdbSentiment.Cli.Serving;
using ImdbSentiment.Tests.Fixtures;

namespace ImdbSentiment.Tests.Serving;

[Collection(TorchCollection.Name)]
public sealed class InferenceQueueTests(TinyModelFixture model) : IClassFixture<TinyModelFixture>
{
    [Fact]
    public async Task Should_answer_503_with_retry_after_when_the_queue_is_full()
    {
        // Given a worker held inside its first batch and a queue of one, already taken
        using var gate = new WorkerGate();
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(QueueCapacity: 1),
            new ServerHooks { BeforeScoring = gate.Hold });
        using var release = gate.OpenOnExit(); // before the server stops, even when an assertion fails
        var first = Http.PostTextAsync(server.Client, "w5 w6");
        await gate.Entered.WaitAsync(WorkerGate.Patience);
        var second = Http.PostTextAsync(server.Client, "w3 w4");
        await Poll.UntilAsync(() => server.Queue.Count == 1);

        // When
        var third = await Http.PostTextAsync(server.Client, "w7 w8");

        // Then the third is refused at once, and the first two are answered once the worker moves on
        var message = await Http.ErrorAsync(third, HttpStatusCode.ServiceUnavailable);
        Assert.Contains("busy", message);
        Assert.Equal(TimeSpan.FromSeconds(1), third.Headers.RetryAfter?.Delta);
        gate.Open();
        await Http.JsonAsync(await first, HttpStatusCode.OK);
        await Http.JsonAsync(await second, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Should_score_the_requests_waiting_together_in_one_call_of_the_predictor()
    {
        // Given five requests that queued while the worker was busy
        using var gate = new WorkerGate();
        var batches = new ConcurrentQueue<int>();
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(MaxBatch: 64),
            new ServerHooks { BeforeScoring = texts => { batches.Enqueue(texts.Count); gate.Hold(texts); } });
        using var release = gate.OpenOnExit();
        var busy = Http.PostTextAsync(server.Client, "w5");
        await gate.Entered.WaitAsync(WorkerGate.Patience);
        var waiting = Enumerable.Range(0, 5).Select(i => Http.PostTextsAsync(server.Client, [TinyModelFixture.Review(i), TinyModelFixture.Review(i + 1)])).ToArray();
        await Poll.UntilAsync(() => server.Queue.Count == 5);

        // When
        gate.Open();
        var answers = await Task.WhenAll(waiting.Select(async r => await Http.JsonAsync(await r, HttpStatusCode.OK)));
        await busy;

        // Then the second call scored all ten waiting texts, and each request got its own two back
        Assert.Equal([1, 10], batches);
        for (var i = 0; i < answers.Length; i++)
        {
            Assert.Equal([TinyModelFixture.Review(i), TinyModelFixture.Review(i + 1)],
                answers[i].GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        }
    }

    [Fact]
    public async Task Should_not_merge_requests_beyond_max_batch()
    {
        using var gate = new WorkerGate();
        var batches = new ConcurrentQueue<int>();
        await using var server = await InProcessServer.StartAsync(model.Predictor, new ServeOptions(MaxBatch: 4),
            new ServerHooks { BeforeScoring = texts => { batches.Enqueue(texts.Count); gate.Hold(texts); } });
        using var release = gate.OpenOnExit();
        var busy = Http.PostTextAsync(server.Client, "w5");
        await gate.Entered.WaitAsync(WorkerGate.Patience);
        var waiting = Enumerable.Range(0, 3).Select(_ => Http.PostTextsAsync(server.Client, ["w5 w6", "w7 w8", "w9"])).ToArray();
        await Poll.UntilAsync(() => server.Queue.Count == 3);

        gate.Open();
        await Task.WhenAll(waiting);
        await busy;

        Assert.Equal([1, 3, 3, 3], batches);
    }
}
