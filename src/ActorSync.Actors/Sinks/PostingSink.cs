using System.Globalization;
using ActorSync.Actors.Entities;
using ActorSync.Actors.Invoices;
using ActorSync.Actors.Reconciliation;
using ActorSync.Domain.Common;
using ActorSync.Domain.Invoices;
using ActorSync.Domain.Items;
using ActorSync.Domain.Postings;
using ActorSync.Domain.Reconciliation;
using ActorSync.Domain.Sinks;
using ActorSync.Odoo.Errors;
using ActorSync.Odoo.Postings;
using Akka.Actor;
using Akka.Event;
using Akka.Hosting;
using Akka.Persistence;
using Akka.Persistence.Query;
using Akka.Persistence.Sql.Query;
using Akka.Streams;
using Akka.Streams.Dsl;

namespace ActorSync.Actors.Sinks;

/// <summary>
/// The posting sink of one site and flow. It follows its stream of the journal (events tagged for
/// it) from the offset it has reached, derives postings (PostingDerivation), keeps them in a
/// persistent outbox, and sends them to Odoo at its sync mode's pace through the idempotent
/// connector. The journal is the delivery guarantee: a posting of a persisted event is derived
/// again after any crash, and Odoo finds what was made already, so each posting lands once.
/// When Odoo is down the outbox fills to <c>max-pending</c> and the stream waits: memory stays
/// bounded, the journal holds the rest, and everything drains in order when Odoo is back.
/// </summary>
public sealed class PostingSink : ReceivePersistentActor, IWithTimers
{
    private const string TickTimer = "tick";
    private const string FeedTimer = "feed";
    private const string MasterDataTimer = "master-data";
    private const int DeriveParallelism = 8;
    // Items that wait while the sink persists the previous ones go together, in one write: one
    // write per item capped the feed at the journal's round trips (~250 items/s).
    private const int FeedBatchMax = 100;
    private static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(100);

    private readonly SinkKey _key;
    private readonly SinkServices _services;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private SinkState _state = SinkState.Empty;
    private IReadOnlyList<Posting>? _inFlight;
    // A batch Odoo took whole, while its confirmation is being persisted: the next batch goes meanwhile, without it.
    private HashSet<PostingKey> _confirming = [];
    private int _attempts;
    private int _holds;
    private DateTimeOffset _retryAt;
    private string? _lastError;
    private (IReadOnlyList<FeedItem> Items, IActorRef Stream)? _waiting;
    private UniqueKillSwitch? _feed;
    private long _seen;
    private bool _stopping;
    private readonly bool _summarizes;

    /// <summary>
    /// Postings this incarnation queued and has not handed to the writer yet: no attempt can have
    /// made them in Odoo, so the writer skips looking for them. In memory on purpose — after a
    /// restart every recovered posting counts as possibly sent.
    /// </summary>
    private readonly HashSet<PostingKey> _neverSent = [];

    public PostingSink(string sinkId, SinkServices services)
    {
        _key = SinkKey.Parse(sinkId);
        _services = services;
        if (!SinkEntity.Exists(services.Network, _key))
            throw new InvalidOperationException($"{sinkId} is not a sink of the network: its site must belong to its legal entity");
        _summarizes = _key.Flow == PostingFlow.Revenue && services.Network.LegalEntities[_key.LegalEntity].Rules.Granularity == Domain.LegalEntities.PostingGranularity.Summary;
        PersistenceId = SinkEntity.PersistenceId(sinkId);

        Recover<SnapshotOffer>(offer => _state = (SinkState)offer.Snapshot);
        Recover<ISinkEvent>(e => _state = SinkOutbox.Apply(_state, e));
        Recover<RecoveryCompleted>(_ => Start());

        Command<WakeSink>(_ => { });
        Command<FeedInit>(_ => Sender.Tell(FeedAck.Instance));
        Command<FeedBatch>(batch => Queue(batch.Items, Sender));
        Command<FeedFailed>(failed => RestartFeedLater(failed.Cause.Message));
        Command<FeedCompleted>(_ => RestartFeedLater("the journal stream completed"));
        Command<RestartFeed>(_ => StartFeed());
        Command<Tick>(_ => TryDeliver());
        Command<RefreshMasterData>(_ => RefreshMasterDataOnSchedule());
        // A result belongs to the batch in flight; one from before a restart of this actor is dropped
        // (what it did is found in Odoo by the next attempt).
        Command<WriteDone>(done => ReferenceEquals(done.Batch, _inFlight), Delivered);
        Command<WriteFailed>(failed => ReferenceEquals(failed.Batch, _inFlight), failed => Failed(failed.Cause));
        Command<WriteDone>(_ => { });
        Command<WriteFailed>(_ => { });
        Command<GetSinkStatus>(_ => Sender.Tell(Status()));
        Command<ListOutbox>(list => Sender.Tell(new OutboxList(list.SinkId, [.. _state.Outbox.Where(e => list.Status is null || e.Status == list.Status).Select(Item)])));
        Command<GetOutboxEntry>(get => Sender.Tell(_state.Find(get.Key) is { } entry ? new OutboxEntryDetail(get.SinkId, Item(entry), entry.Posting) : new OutboxEntryDetail(get.SinkId, null, null)));
        Command<ApprovePosting>(Approve);
        Command<RejectPosting>(Reject);
        Command<RetryParked>(Retry);
        Command<DiscardParked>(Discard);
        Command<RepostPostings>(Repost);
        Command<RepostRead>(Reposting);
        Command<RepostReadFailed>(failed => failed.ReplyTo.Tell(new SinkCommandReply(_key.ToString(), false, $"reading the sink's journal failed: {failed.Cause.Message}", 0)));
        Command<SaveSnapshotSuccess>(_ => { });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Sink {0}: snapshot failed: {1}", _key, failure.Cause.Message));
        Command<StopEntity>(_ => StopWhenIdle());
    }

    public override string PersistenceId { get; }
    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(string sinkId, SinkServices services) => Akka.Actor.Props.Create(() => new PostingSink(sinkId, services));

    private DateTimeOffset Now => _services.Time.GetUtcNow();

    private SyncMode ModeOf(PostingWorkflow workflow) => _services.Settings.ModeOf(_key.LegalEntity, workflow);

    private void Start()
    {
        // Master data the flow's postings name goes first: queued once, and again only for what the
        // mapping added since (a new department, a new product).
        var profile = _services.Network.LegalEntities[_key.LegalEntity];
        var masterData = PostingDerivation.MasterData(_key.Flow, _key.Site, profile, _key.LegalEntity).Where(p => !_state.MasterDataQueued.Contains(p.Key)).ToList();
        if (masterData.Count > 0)
            PersistEvent(new PostingsQueued(_state.Offset, [.. masterData.Select(p => new QueuedPosting(p, false))], Now));
        Timers.StartPeriodicTimer(TickTimer, Tick.Instance, TickInterval);
        ScheduleMasterDataRefresh();
        StartFeed();
    }

    /// <summary>
    /// The master-data workflow's schedule (daily at a time, by default): the mapping's master data
    /// goes to Odoo again, so a record deleted there is made again.
    /// </summary>
    private void ScheduleMasterDataRefresh()
    {
        var delay = ModeOf(PostingWorkflow.MasterData).NextRun(Now) - Now;
        Timers.StartSingleTimer(MasterDataTimer, RefreshMasterData.Instance, delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1));
    }

    private void RefreshMasterDataOnSchedule()
    {
        ScheduleMasterDataRefresh();
        var profile = _services.Network.LegalEntities[_key.LegalEntity];
        var masterData = PostingDerivation.MasterData(_key.Flow, _key.Site, profile, _key.LegalEntity).Where(p => _state.Find(p.Key) is null).ToList();
        if (masterData.Count == 0)
            return;
        _log.Info("Sink {0}: master-data schedule: {1} record(s) go to Odoo again", _key, masterData.Count);
        PersistEvent(new PostingsReposted(masterData, "master-data schedule", Now), TryDeliver);
    }

    // ---- the journal stream ------------------------------------------------------------------

    private void StartFeed()
    {
        _feed?.Shutdown();
        var tag = EventTags.Sink(_key.Flow, _key.Site.Value);
        var journal = PersistenceQuery.Get(Context.System).ReadJournalFor<SqlReadJournal>(SqlReadJournal.Identifier);
        var invoices = ActorRegistry.For(Context.System).Get<InvoiceRegion>();
        var profile = _services.Network.LegalEntities[_key.LegalEntity];
        var self = Self;
        _feed = journal.EventsByTag(tag, Offset.Sequence(_state.Offset))
            // Derivations read invoice states concurrently, so one slow read does not hold up the
            // stream; SelectAsync keeps the journal's order for the outbox.
            .SelectAsync(DeriveParallelism, envelope => DeriveAsync(envelope, invoices, profile))
            .Batch(FeedBatchMax, item => new List<FeedItem> { item }, (items, item) => { items.Add(item); return items; })
            .Select(items => new FeedBatch(items))
            .ViaMaterialized(KillSwitches.Single<FeedBatch>(), Keep.Right)
            .ToMaterialized(Sink.ActorRefWithAck<FeedBatch>(self, FeedInit.Instance, FeedAck.Instance, FeedCompleted.Instance, cause => new FeedFailed(cause)), Keep.Left)
            .Run(Context.Materializer());
    }

    private async Task<FeedItem> DeriveAsync(EventEnvelope envelope, IActorRef invoices, Domain.LegalEntities.LegalEntityProfile profile)
    {
        var offset = ((Sequence)envelope.Offset).Value;
        var entityId = envelope.PersistenceId[(envelope.PersistenceId.IndexOf('|') + 1)..];
        switch (envelope.Event)
        {
            case IInvoiceEvent e:
                var reply = await invoices.Ask<EntityStateReply>(new GetEntityState(EntityTypes.Invoice, entityId), TimeSpan.FromSeconds(30)).ConfigureAwait(false);
                var state = reply.StateAs<InvoiceState>();
                if (state.Key is not { } key)
                {
                    // An invoice event without an invoice state cannot happen in a sound journal: say so, loudly.
                    _log.Error("Sink {0}: invoice {1} has no state for its event at offset {2}; no posting derived", _key, entityId, offset);
                    return new FeedItem(offset, []);
                }
                return new FeedItem(offset, PostingDerivation.ForInvoice(key, state, e, profile, _key.LegalEntity));
            case IItemEvent e:
                var site = EventTags.SiteOf(entityId);
                return new FeedItem(offset, PostingDerivation.ForItem(new ItemKey(new SiteId(site), new ItemId(entityId[(site.Length + 1)..])), e, envelope.SequenceNr, profile, _key.LegalEntity));
            default:
                return new FeedItem(offset, []);
        }
    }

    private void Queue(IReadOnlyList<FeedItem> items, IActorRef stream)
    {
        if (Full)
        {
            // Back-pressure: the stream waits for this acknowledgement; the journal keeps the rest.
            _waiting = (items, stream);
            return;
        }
        // As many items as the outbox has room for (at least one) go in one write; the rest wait.
        var take = SinkOutbox.Admissible([.. items.Select(i => IsNew(i) ? i.Postings.Count : 0)], _services.Settings.MaxPending - _state.Count(OutboxStatus.Pending));
        var fresh = items.Take(take).Where(IsNew).ToList();
        var rest = items.Skip(take).ToList();
        var rules = _services.Network.LegalEntities[_key.LegalEntity].Rules;
        var neverSent = fresh.SelectMany(i => i.Postings).Where(p => _state.Find(p.Key) is null && !SinkOutbox.IsMasterData(p)).Select(p => p.Key).ToList();
        PersistEvents([.. fresh.Select(i => (ISinkEvent)new PostingsQueued(i.Offset, [.. i.Postings.Select(p => new QueuedPosting(p, PostingDerivation.NeedsApproval(p, rules)))], Now))], () =>
        {
            _neverSent.UnionWith(neverSent);
            _seen = Math.Max(_seen, items[take - 1].Offset);
            if (rest.Count == 0)
                stream.Tell(FeedAck.Instance);
            else
                _waiting = (rest, stream);
            // A real-time posting goes now rather than at the next tick (when no write is in flight).
            if (fresh.Count > 0)
                TryDeliver();
        });
    }

    /// <summary>
    /// An item at or below the stored offset was queued before (a restarted stream can emit it
    /// again): queuing it again would take postings Odoo may already hold for first attempts.
    /// </summary>
    private bool IsNew(FeedItem item) => item.Postings.Count > 0 && item.Offset > _state.Offset;

    private void RestartFeedLater(string reason)
    {
        // Items held back for a full outbox belong to the stopped stream; the new one emits them again.
        _waiting = null;
        _log.Warning("Sink {0}: the journal stream stopped ({1}); restarting from offset {2}", _key, reason, _state.Offset);
        Timers.StartSingleTimer(FeedTimer, RestartFeed.Instance, TimeSpan.FromSeconds(2));
    }

    // ---- sending to Odoo ----------------------------------------------------------------------

    private void TryDeliver()
    {
        if (_stopping && _inFlight is null)
        {
            Context.Stop(Self);
            return;
        }
        if (_stopping || _inFlight is not null || Now < _retryAt || SummarizeIfDue())
            return;
        var ready = SinkOutbox.NextBatch(_state, _services.Settings.MaxPending, _summarizes ? p => p is CustomerInvoicePosting { CreditNote: false } : null);
        var queuedAt = _state.Outbox.ToDictionary(e => e.Posting.Key, e => e.QueuedAt);
        var batch = SyncPacing.Due([.. ready.Where(p => !_confirming.Contains(p.Key))], key => queuedAt.GetValueOrDefault(key, Now), ModeOf, Now);
        if (batch.Count == 0)
            return;
        _inFlight = batch;
        var firstAttempts = batch.Where(p => _neverSent.Remove(p.Key)).Select(p => p.Key).ToHashSet();
        _services.Writer(_key.Flow).WriteAsync(batch, firstAttempts).PipeTo(Self, success: results => new WriteDone(batch, results), failure: cause => new WriteFailed(batch, cause));
    }

    /// <summary>
    /// A legal entity that posts in summary: when its window or size is reached, the pending
    /// invoices of the oldest day become one journal entry (persisted first, so its key holds).
    /// </summary>
    private bool SummarizeIfDue()
    {
        if (!_summarizes)
            return false;
        var invoices = _state.Outbox.Where(e => e.Status == OutboxStatus.Pending && e.Posting is CustomerInvoicePosting { CreditNote: false }).ToList();
        // Summaries are accounting: they follow its window and size.
        var mode = ModeOf(PostingWorkflow.Accounting);
        if (invoices.Count == 0 || (invoices.Count < mode.Size && Now - invoices[0].QueuedAt < mode.Window))
            return false;
        var profile = _services.Network.LegalEntities[_key.LegalEntity];
        PersistEvent(SinkOutbox.Summarize(_state, _key.Site.Value, profile.Accounts, profile.Rules, Now)!, TryDeliver);
        return true;
    }

    /// <summary>A hand-off or shutdown waits for the write in flight, so the next node does not send the same batch at once.</summary>
    private void StopWhenIdle()
    {
        _stopping = true;
        if (_inFlight is null)
            Context.Stop(Self);
    }

    private void Delivered(WriteDone done)
    {
        var batch = _inFlight ?? [];
        _inFlight = null;
        _attempts = 0;
        var events = new List<ISinkEvent>();
        var delivered = done.Results.Where(r => r.Succeeded && r.OdooId is not null)
            .Select(r => new DeliveredPosting(r.Key, r.Model, r.OdooId!.Value, r.Outcome == PostingOutcome.AlreadyInOdoo)).ToList();
        if (delivered.Count > 0)
            events.Add(new PostingsDelivered(delivered, Now));
        var failed = done.Results.Where(r => !r.Succeeded).ToList();
        // Refused credentials or Odoo gone in the middle of a batch are not these postings' fault: they stay pending, the sink holds.
        var notTheirs = failed.FirstOrDefault(r => r.Error is { } e && NotTheBatchsFault(e))?.Error;
        if (notTheirs is null)
            (_holds, _lastError) = (0, null);
        else
            Hold(notTheirs);
        var park = SinkOutbox.ToPark(_state, batch, [.. failed.Select(r => (r.Key, r.Error?.Name))]).ToHashSet();
        events.AddRange(failed.Where(r => park.Contains(r.Key) && !(r.Error is { } e && NotTheBatchsFault(e)))
            .Select(r => (ISinkEvent)new PostingParked(r.Key, r.Error?.Name ?? "unknown", r.Error?.OdooMessage ?? "no reason given", Now)));
        // All in Odoo: the next batch need not wait for the confirmation's write (a crash before it
        // only sends this batch again, and Odoo finds it). A failure changes what may go next, and a
        // stopping sink stops only after the write: wait for it.
        if (failed.Count == 0 && !_summarizes && !_stopping)
        {
            _confirming = [.. batch.Select(p => p.Key)];
            TryDeliver();
        }
        PersistEvents(events, () =>
        {
            _confirming = [];
            TryDeliver();
        });
    }

    private void Failed(Exception cause)
    {
        var batch = _inFlight ?? [];
        _inFlight = null;
        var error = cause as OdooException ?? (cause as AggregateException)?.InnerException as OdooException;
        _lastError = error?.Message ?? cause.Message;
        if (error is not null && NotTheBatchsFault(error))
        {
            Hold(error);
            return;
        }
        if (error is { IsTransient: true } && ++_attempts < _services.Settings.MaxAttempts)
        {
            var delay = Backoff(_attempts);
            _retryAt = Now + delay;
            _log.Warning("Sink {0}: Odoo failed transiently ({1}); attempt {2} of {3} in {4}", _key, _lastError, _attempts, _services.Settings.MaxAttempts, delay);
            return;
        }
        // Permanent for the whole batch (the legal entity's company is missing, …), or retries ran out: park it.
        _attempts = 0;
        var causeName = error is null ? "error" : error.IsTransient ? "retries-exhausted:" + error.Name : error.Name;
        _log.Warning("Sink {0}: parking {1} postings: {2}", _key, batch.Count, _lastError);
        PersistEvents([.. batch.Select(p => (ISinkEvent)new PostingParked(p.Key, causeName, _lastError, Now))], TryDeliver);
    }

    private void Hold(OdooException error)
    {
        _lastError = error.Message;
        var wait = Backoff(++_holds);
        _retryAt = Now + wait;
        if (error.IsTransient)
            _log.Warning("Sink {0}: Odoo is not available ({1}); holding the outbox, next try in {2}", _key, _lastError, wait);
        else
            _log.Error("Sink {0}: Odoo refuses ActorSync's credentials ({1}); holding the outbox until they are fixed, next try in {2}", _key, _lastError, wait);
    }

    private TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(_services.Settings.MaxDelay.Ticks, _services.Settings.BaseDelay.Ticks << Math.Clamp(attempt - 1, 0, 20)));

    /// <summary>
    /// Failures that every batch would meet alike: Odoo, the proxy before it or its database down or
    /// unreachable, a write still settling, or ActorSync's credentials refused (an API key expired or
    /// revoked). Waiting is the answer, however long — they never use up the attempts that park a
    /// posting, so the outbox holds (bounded by max-pending) and drains in order afterwards.
    /// </summary>
    private static bool NotTheBatchsFault(OdooException error) => error.Name is
        "transport.unreachable" or "transport.circuit-open" or "actorsync.settling"
        or "http.502" or "http.503" or "http.504"
        or "werkzeug.exceptions.BadGateway" or "werkzeug.exceptions.ServiceUnavailable" or "werkzeug.exceptions.GatewayTimeout"
        or "psycopg2.InterfaceError"
        or "werkzeug.exceptions.Unauthorized" or "odoo.exceptions.AccessDenied"
        || (error.Name == "psycopg2.OperationalError" && error.IsTransient);

    // ---- finance and operators ----------------------------------------------------------------

    private void Approve(ApprovePosting approve)
    {
        // An approval repeated after a lost answer is a no-op that says so, not an error.
        if (_state.Find(approve.Key) is { Status: OutboxStatus.Pending, ApprovedBy: { } by })
            Sender.Tell(new SinkCommandReply(approve.SinkId, true, $"{approve.Key} was already approved by {by}", 0));
        else if (SinkOutbox.CheckApproval(_state, approve.Key) is { } problem)
            Sender.Tell(new SinkCommandReply(approve.SinkId, false, problem, 0));
        else
            Reply(new PostingApproved(approve.Key, approve.By, Now), $"approved {approve.Key}", 1);
    }

    private void Reject(RejectPosting reject)
    {
        if (SinkOutbox.CheckApproval(_state, reject.Key) is { } problem)
            Sender.Tell(new SinkCommandReply(reject.SinkId, false, problem, 0));
        else
            Reply(new PostingRejected(reject.Key, reject.By, reject.Reason, Now), $"rejected {reject.Key}: it is in the exception queue", 1);
    }

    private void Retry(RetryParked retry)
    {
        var keys = retry.Key is { } one
            ? SinkOutbox.CheckParked(_state, one) is { } problem ? null : [one]
            : _state.Outbox.Where(e => e.Status == OutboxStatus.Parked && e.Cause == retry.Cause).Select(e => e.Posting.Key).ToList();
        if (keys is null || keys.Count == 0)
        {
            Sender.Tell(new SinkCommandReply(retry.SinkId, false, retry.Key is { } k ? SinkOutbox.CheckParked(_state, k)! : $"no parked posting has the cause '{retry.Cause}'", 0));
            return;
        }
        var sender = Sender;
        PersistEvents([.. keys.Select(k => (ISinkEvent)new PostingRetried(k, retry.By, Now))],
            () => sender.Tell(new SinkCommandReply(retry.SinkId, true, $"{keys.Count} posting(s) back in the outbox", keys.Count)));
    }

    private void Discard(DiscardParked discard)
    {
        if (SinkOutbox.CheckParked(_state, discard.Key) is { } problem)
            Sender.Tell(new SinkCommandReply(discard.SinkId, false, problem, 0));
        else if (string.IsNullOrWhiteSpace(discard.Reason))
            Sender.Tell(new SinkCommandReply(discard.SinkId, false, "a discard needs a reason", 0));
        else
            Reply(new PostingDiscarded(discard.Key, discard.By, discard.Reason, Now), $"discarded {discard.Key}", 1);
    }

    /// <summary>
    /// A replay: delivered postings go through the connector again. The outbox forgot them, so the
    /// sink reads them from its own journal first (a ledger of this sink, up to now).
    /// </summary>
    private void Repost(RepostPostings repost)
    {
        var sender = Sender;
        var ledger = new PostingLedger();
        PostingLedgerReader.FoldAsync(Context.System, _key.ToString(), ledger, LastSequenceNr)
            .PipeTo(Self, success: () => new RepostRead(repost, sender, ledger), failure: cause => new RepostReadFailed(sender, cause));
    }

    private void Reposting(RepostRead read)
    {
        // In journal order, so an invoice goes again before its payment. A summarizing sink would fold
        // a reposted invoice into a new summary: only its summaries go again.
        var asked = read.Request.Keys.ToHashSet();
        var postings = read.Ledger.Entries
            .Where(e => asked.Contains(e.Posting.Key) && e.Status == PostingStatus.Delivered && _state.Find(e.Posting.Key) is null)
            .Select(e => e.Posting)
            .Where(p => !(_summarizes && p is CustomerInvoicePosting { CreditNote: false }))
            .ToList();
        var left = asked.Except(postings.Select(p => p.Key)).ToList();
        var note = left.Count == 0 ? "" : $"; {left.Count} not reposted (not a delivered posting of this sink): {string.Join(", ", left.Take(5))}{(left.Count > 5 ? ", …" : "")}";
        if (postings.Count == 0)
        {
            read.ReplyTo.Tell(new SinkCommandReply(_key.ToString(), false, "nothing to repost" + note, 0));
            return;
        }
        PersistEvent(new PostingsReposted(postings, read.Request.By, Now),
            () => read.ReplyTo.Tell(new SinkCommandReply(_key.ToString(), true, $"{postings.Count} posting(s) back in the outbox{note}", postings.Count)));
    }

    private void Reply(ISinkEvent e, string message, int affected)
    {
        var sender = Sender;
        PersistEvent(e, () => sender.Tell(new SinkCommandReply(_key.ToString(), true, message, affected)));
    }

    private SinkStatus Status() => new(
        _key.ToString(), Modes(), _state.Offset, Math.Max(_seen, _state.Offset), _state.Count(OutboxStatus.Pending), _state.Count(OutboxStatus.AwaitingApproval), _state.Count(OutboxStatus.Parked),
        _state.Delivered, _state.Discarded, _state.Outbox.FirstOrDefault(e => e.Status == OutboxStatus.Pending)?.QueuedAt, _inFlight is not null, _lastError, SinkOutbox.HeldBack(_state));

    /// <summary>Each workflow's mode, as operators read it: "billing real-time, accounting micro-batch 2s, master-data daily 02:00".</summary>
    private string Modes() => string.Join(", ", PostingWorkflows.In(_key.Flow).Select(w => ModeOf(w) switch
    {
        { Name: "micro-batch" } m => $"{PostingWorkflows.NameOf(w)} micro-batch {m.Window.TotalSeconds:0.###}s",
        { Name: "daily", At: { } at } => $"{PostingWorkflows.NameOf(w)} daily {at.ToString("HH:mm", CultureInfo.InvariantCulture)}",
        var m => $"{PostingWorkflows.NameOf(w)} {m.Name}",
    }));

    private static OutboxItem Item(OutboxEntry entry)
    {
        var amount = PostingDerivation.AmountOf(entry.Posting);
        return new OutboxItem(entry.Posting.Key, entry.Posting.GetType().Name.Replace("Posting", "", StringComparison.Ordinal), entry.Status,
            amount?.Amount, amount?.Currency.Code, entry.QueuedAt, entry.Cause, entry.Message);
    }

    // ---- persistence ---------------------------------------------------------------------------

    private void PersistEvent(ISinkEvent e, Action? then = null) => PersistEvents([e], then);

    private void PersistEvents(IReadOnlyList<ISinkEvent> events, Action? then)
    {
        if (events.Count == 0)
        {
            then?.Invoke();
            return;
        }
        var left = events.Count;
        PersistAll(events, e =>
        {
            _state = SinkOutbox.Apply(_state, e);
            ForgetUnsent(e);
            if (LastSequenceNr % _services.Settings.SnapshotEvery == 0)
                SaveSnapshot(_state);
            if (--left == 0)
            {
                then?.Invoke();
                ResumeWaitingFeed();
            }
        });
    }

    /// <summary>Postings that leave the outbox without being sent (summarized, discarded) leave <see cref="_neverSent"/> too.</summary>
    private void ForgetUnsent(ISinkEvent e)
    {
        if (e is PostingsSummarized summarized)
            _neverSent.ExceptWith(summarized.Invoices);
        else if (e is PostingDiscarded discarded)
            _neverSent.Remove(discarded.Key);
    }

    /// <summary>Only postings that can go count: parked and staged ones wait for people and must not stop the stream.</summary>
    private bool Full => _state.Count(OutboxStatus.Pending) >= _services.Settings.MaxPending;

    private void ResumeWaitingFeed()
    {
        if (_waiting is { } waiting && !Full)
        {
            _waiting = null;
            Queue(waiting.Items, waiting.Stream);
        }
    }

    protected override void PostStop()
    {
        _feed?.Shutdown();
        base.PostStop();
    }

    private sealed record FeedItem(long Offset, IReadOnlyList<Posting> Postings);
    private sealed record FeedBatch(IReadOnlyList<FeedItem> Items);
    private sealed record FeedFailed(Exception Cause);
    private sealed record RepostRead(RepostPostings Request, IActorRef ReplyTo, PostingLedger Ledger);
    private sealed record RepostReadFailed(IActorRef ReplyTo, Exception Cause);
    private sealed record WriteDone(IReadOnlyList<Posting> Batch, IReadOnlyList<PostingResult> Results);
    private sealed record WriteFailed(IReadOnlyList<Posting> Batch, Exception Cause);

    private sealed class FeedInit
    {
        public static readonly FeedInit Instance = new();
    }

    private sealed class FeedAck
    {
        public static readonly FeedAck Instance = new();
    }

    private sealed class FeedCompleted
    {
        public static readonly FeedCompleted Instance = new();
    }

    private sealed class RestartFeed
    {
        public static readonly RestartFeed Instance = new();
    }

    private sealed class RefreshMasterData
    {
        public static readonly RefreshMasterData Instance = new();
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
