using System.Diagnostics;
using ImdbSentiment.Cli.Internal;
using ImdbSentiment.Inference;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace ImdbSentiment.Cli.Serving;

/// <summary>
/// The HTTP service of <c>sentiment serve</c>: a minimal API on Kestrel over an <see cref="InferenceQueue"/>.
/// The caller owns the predictor and disposes it after the application; the application owns the queue.
/// No endpoint reads or writes files.
/// </summary>
internal static class SentimentServer
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(ServeOptions options, ISentimentPredictor predictor, IReadOnlyList<string>? urls, ServerHooks? hooks = null)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        options.Validate();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "sentiment",
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            var timeouts = options.Connection;
            kestrel.Limits.RequestHeadersTimeout = timeouts.RequestHeaders;
            kestrel.Limits.KeepAliveTimeout = timeouts.KeepAlive;
            kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(timeouts.MinBytesPerSecond, timeouts.GracePeriod);
            kestrel.Limits.MinResponseDataRate = new MinDataRate(timeouts.MinBytesPerSecond, timeouts.GracePeriod);
            kestrel.Limits.MaxConcurrentConnections = 1000;
        });
        builder.WebHost.UseUrls([.. urls is { Count: > 0 } ? urls : [DefaultUrl]]);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Drain + TimeSpan.FromSeconds(10));
        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter(typeof(SentimentServer).FullName, options.LogRequests ? LogLevel.Information : LogLevel.Warning);
        // The host logs a start-up failure (a port in use) with its stack trace; the same exception reaches the CLI,
        // which says it in one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

        var metrics = new ServiceMetrics();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(predictor.Model);
        builder.Services.AddSingleton(provider => new InferenceQueue(
            texts =>
            {
                hooks?.BeforeScoring?.Invoke(texts);
                return predictor.PredictBatch(texts, options.MaxBatch);
            },
            options,
            provider.GetRequiredService<ILogger<InferenceQueue>>(),
            metrics));
        builder.Services.AddHostedService(provider => provider.GetRequiredService<InferenceQueue>());
        builder.Services.AddSingleton<Readiness>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<Readiness>());
        hooks?.ConfigureWebHost?.Invoke(builder.WebHost);

        var app = builder.Build();
        metrics.Watch(app.Services.GetRequiredService<InferenceQueue>());
        app.Use(Guard);
        app.UseHttpMetrics(http => http.SetMetricFactory(metrics.Factory));
        app.MapGet("/", IndexAsync);
        app.MapGet("/healthz", HealthAsync);
        app.MapGet("/readyz", ReadyAsync);
        app.MapMetrics("/metrics", metrics.Registry).WithMetadata(new HttpMethodMetadata([HttpMethods.Get]));
        app.MapPost("/api/predict", PredictAsync);
        return app;
    }

    // Every response gets nosniff; every failure becomes {"error": "..."} without a trace; bodiless 404/405s get one.
    private static async Task Guard(HttpContext context, RequestDelegate next)
    {
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SentimentServer).FullName!);
        var started = Stopwatch.GetTimestamp();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        try
        {
            await next(context);
            if (context.Response is { HasStarted: false, StatusCode: >= 400 })
            {
                await WriteErrorAsync(context, context.Response.StatusCode, context.Response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => $"no such endpoint: {context.Request.Path}",
                    StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
                    _ => "the request failed",
                });
            }
        }
        catch (Exception) when (context.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away; there is no one to answer
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.StatusCode == StatusCodes.Status408RequestTimeout
                ? "the request body arrived too slowly"
                : "the request could not be read");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "{Method} {Path} failed", context.Request.Method, context.Request.Path);
            await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal error: the request could not be scored");
        }
        finally
        {
            logger.LogInformation("{Method} {Path} {Status} {Milliseconds:F1} ms", context.Request.Method, context.Request.Path,
                context.Response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    private static async Task PredictAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<ServeOptions>();
        var queue = context.RequestServices.GetRequiredService<InferenceQueue>();
        context.Response.Headers.CacheControl = "no-store";
        IReadOnlyList<Prediction> predictions;
        bool isBatch;
        try
        {
            var request = await PredictRequest.ReadAsync(context.Request, options, context.RequestAborted);
            isBatch = request.IsBatch;
            predictions = await queue.ScoreAsync(request.Texts, context.RequestAborted);
        }
        catch (RequestRejectedException ex)
        {
            Metrics(context).Rejected("bad_request");
            await WriteErrorAsync(context, ex.StatusCode, ex.Message);
            return;
        }
        catch (QueueFullException ex)
        {
            Metrics(context).Rejected("queue_full");
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, ex.Message, retryAfterSeconds: 1);
            return;
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            Metrics(context).Rejected("stopping");
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, "the server is stopping");
            return;
        }

        var labels = context.RequestServices.GetRequiredService<ModelDescription>().Labels;
        object body = isBatch
            ? new BatchResponse([.. predictions.Select(p => PredictionResponse.From(p, labels))])
            : PredictionResponse.From(predictions[0], labels);
        await context.Response.WriteAsJsonAsync(body, body.GetType(), Json.Compact, context.RequestAborted);
    }

    private static Task HealthAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var model = context.RequestServices.GetRequiredService<ModelDescription>();
        return context.Response.WriteAsJsonAsync(new HealthResponse("ok", model), Json.Compact, context.RequestAborted);
    }

    // 200 while the service takes traffic; 503 before it has started and from the moment it is asked to stop.
    private static Task ReadyAsync(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        var ready = context.RequestServices.GetRequiredService<Readiness>().IsReady;
        context.Response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        return context.Response.WriteAsJsonAsync(new ReadinessResponse(ready ? "ready" : "draining"), Json.Compact, context.RequestAborted);
    }

    private static ServiceMetrics Metrics(HttpContext context) => context.RequestServices.GetRequiredService<ServiceMetrics>();

    private static Task IndexAsync(HttpContext context)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = IndexPage.ContentSecurityPolicy;
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        return context.Response.WriteAsync(IndexPage.Html, context.RequestAborted);
    }

    private static async Task WriteErrorAsync(HttpContext context, int statusCode, string message, int? retryAfterSeconds = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.Clear();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        if (retryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = statusCode;
        await context.Response.WriteAsJsonAsync(new ErrorResponse(message), Json.Compact, context.RequestAborted);
    }
}
