using System.Threading.RateLimiting;
using ActorSync.Odoo.Connection;
using ActorSync.Odoo.Errors;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;

namespace ActorSync.Odoo.Resilience;

/// <summary>
/// The Polly pipeline around every call of one Odoo connection, outermost first: retry (transient
/// failures only, exponential backoff with jitter) → circuit breaker (opened by transient failures
/// only: a validation error says nothing about Odoo's health) → rate limit (each attempt takes a
/// token) → per-attempt timeout.
/// A call that may have been committed without an answer is retried only when it is safe to repeat.
/// </summary>
public static class OdooResilience
{
    /// <summary>Set on the context of calls that may be sent again after a lost answer.</summary>
    public static readonly ResiliencePropertyKey<bool> SafeToRepeat = new("actorsync.odoo.safe-to-repeat");

    public static ResiliencePipeline Build(OdooConnectionSettings settings, OdooCallStats stats, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder { TimeProvider = time ?? TimeProvider.System };
        if (settings.Retry.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(Retryable(args.Outcome.Exception, args.Context)),
                MaxRetryAttempts = settings.Retry.MaxAttempts - 1,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.Retry.Base,
                MaxDelay = settings.Retry.Max,
                OnRetry = _ =>
                {
                    stats.Retried();
                    return ValueTask.CompletedTask;
                },
            });
        }
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is OdooException { IsTransient: true } or TimeoutRejectedException),
            FailureRatio = settings.CircuitBreaker.FailureRatio,
            MinimumThroughput = Math.Max(2, settings.CircuitBreaker.MinimumThroughput),
            SamplingDuration = settings.CircuitBreaker.SamplingDuration,
            BreakDuration = settings.CircuitBreaker.BreakDuration,
        });
        if (settings.RateLimit.PerSecond > 0)
        {
            var burst = Math.Max(1, settings.RateLimit.Burst);
            builder.AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = burst,
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1 / settings.RateLimit.PerSecond),
                QueueLimit = int.MaxValue,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                AutoReplenishment = true,
            }));
        }
        return builder.AddTimeout(settings.Timeout).Build();
    }

    private static bool Retryable(Exception? failure, ResilienceContext context) => failure switch
    {
        OdooException { IsTransient: true, MayHaveCommitted: false } => true,
        OdooException { IsTransient: true } or TimeoutRejectedException => context.Properties.GetValue(SafeToRepeat, false),
        BrokenCircuitException or RateLimiterRejectedException => true,
        _ => false,
    };
}
