using ActorSync.Actors.Configuration;
using ActorSync.Actors.Hosting;
using ActorSync.Actors.InputExceptions;
using ActorSync.Domain.InputExceptions;
using ActorSync.Http.Fhir;
using Microsoft.AspNetCore.Http;

namespace ActorSync.Http.Management;

/// <summary>
/// The input exception queue in the management API: list, show (with the payload), retry one or all
/// whose reason mentions what was fixed, discard with a reason. Keys are <c>source|Type/id</c>.
/// </summary>
internal static class InputQueueRoutes
{
    public static async Task<IResult> List(ActorSyncNode node, IQueryCollection query) =>
        Results.Json(new { inputs = (await InputQueue.ListAsync(node, includeClosed: query.ContainsKey("all"))).Select(Json) });

    public static async Task<IResult> Show(ActorSyncNode node, IQueryCollection query, CancellationToken ct)
    {
        var key = KeyIn(query);
        var state = await InputQueue.StateAsync(node, key, ct);
        if (state.Key is null)
            return NotFound($"{key} is not in the input exception queue");
        return Results.Json(new
        {
            key = key.ToString(), problem = Name(state.Problem), reason = state.Reason, timesParked = state.TimesParked,
            open = state.IsOpen, closed = state.Closed, payload = state.Payload,
        });
    }

    /// <summary>
    /// Sends parked input through its source's session again: one (<c>?key=</c>) or every open one
    /// whose reason contains <c>?reason=</c> (after adding the site or product it names). A source
    /// the configuration no longer lists (e.g. <c>import</c>, the embedded import's) retries with the
    /// whole network in scope, as that import had.
    /// </summary>
    public static async Task<IResult> Retry(ActorSyncNode node, IQueryCollection query, string by, CancellationToken ct)
    {
        var one = query["key"].ToString() is { Length: > 0 };
        var reason = query["reason"].ToString();
        IReadOnlyList<InputExceptionKey> keys = one ? [KeyIn(query)]
            : reason.Length > 0 ? [.. (await InputQueue.ListAsync(node, includeClosed: false)).Where(e => e.Reason.Contains(reason, StringComparison.OrdinalIgnoreCase)).Select(e => InputExceptionKey.Parse(e.Key))]
            : throw new ArgumentException("say which input: ?key=source|Type/id, or ?reason=<part of the reason> for every open one with it");
        if (keys.Count == 0)
            return NotFound($"no open input has a reason containing '{reason}'");
        var sources = SourceSettings.From(node.Config, node.Network).Sources;
        var answers = new List<InputQueueAnswer>();
        foreach (var key in keys)
        {
            var source = sources.FirstOrDefault(s => s.Id == key.Source) ?? new SourceSettings(key.Source, null, null, null);
            answers.Add(await InputQueue.RetryAsync(node, () => SourceSessions.Of(node).For(source), key, by, ct));
        }
        if (one && !answers[0].Known)
            return NotFound(answers[0].Message);
        var done = answers.Count(a => a.Done);
        var message = one ? answers[0].Message : $"{done} of {keys.Count} went through; {keys.Count - done} still parked";
        return Results.Json(new { done = done > 0, affected = done, message, results = answers }, statusCode: done > 0 ? 200 : 409);
    }

    public static async Task<IResult> Discard(ActorSyncNode node, IQueryCollection query, string by, CancellationToken ct)
    {
        var key = KeyIn(query);
        var reason = query["reason"].ToString() is { Length: > 0 } r ? r : throw new ArgumentException("say why: ?reason=…");
        var answer = await InputQueue.DiscardAsync(node, key, by, reason, ct);
        if (!answer.Known)
            return NotFound(answer.Message);
        return Results.Json(new { done = answer.Done, affected = answer.Done ? 1 : 0, message = answer.Message }, statusCode: answer.Done ? 200 : 409);
    }

    private static InputExceptionKey KeyIn(IQueryCollection query) =>
        InputExceptionKey.Parse(query["key"].ToString() is { Length: > 0 } key ? key : throw new ArgumentException("say which input: ?key=source|Type/id"));

    private static object Json(InputQueueEntry e) => new
    {
        key = e.Key, problem = Name(e.Problem), reason = e.Reason, timesParked = e.TimesParked, parkedAt = e.ParkedAt,
        status = e.Closed is null ? "parked" : e.Closed.Applied ? "resolved" : "discarded", closedBy = e.Closed?.By, note = e.Closed?.Note,
    };

    private static string Name(InputProblem problem) => problem.ToString().ToLowerInvariant();

    private static IResult NotFound(string message) => Results.Json(new { error = message }, statusCode: 404);
}
