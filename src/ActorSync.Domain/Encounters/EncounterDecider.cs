using ActorSync.Domain.Common;

namespace ActorSync.Domain.Encounters;

/// <summary>Business rules of an encounter: status transitions, charges and the billing trigger.</summary>
public sealed class EncounterDecider : IDecider<EncounterState, IEncounterCommand, IEncounterEvent>
{
    public static EncounterDecider Instance { get; } = new();

    public EncounterState Initial => EncounterState.Empty;

    public Decision<IEncounterEvent> Decide(EncounterState state, IEncounterCommand command) =>
        Deciding.CheckVersion<IEncounterEvent>(state.Versions, command.Stamp) ?? command switch
        {
            RecordEncounter c => Record(state, c),
            CaptureCharge c => Capture(state, c),
            CorrectCharge c => Correct(state, c),
            VoidCharge c => Void(state, c),
            _ => Decision<IEncounterEvent>.Reject($"unknown encounter command {command.GetType().Name}"),
        };

    private static Decision<IEncounterEvent> Record(EncounterState state, RecordEncounter c)
    {
        if (!state.IsRegistered)
        {
            var registered = new EncounterRegistered(c.Key, c.LegalEntity, c.Status, c.Class, c.Period, c.Department, c.Location, c.PatientPseudonym, c.Stamp);
            return c.Status == EncounterStatus.Finished
                ? Decision<IEncounterEvent>.Accept(registered, Completion(state with { Key = c.Key, LegalEntity = c.LegalEntity, Department = c.Department }, c))
                : Decision<IEncounterEvent>.Accept(registered);
        }

        if (state.Status == EncounterStatus.EnteredInError)
            return Decision<IEncounterEvent>.Reject("the encounter was entered in error; it takes no further changes");
        if (state.LegalEntity != c.LegalEntity)
            return Decision<IEncounterEvent>.Reject($"the encounter belongs to legal entity {state.LegalEntity}, not {c.LegalEntity}");

        var events = new List<IEncounterEvent>();
        var detailsChanged = state.Class != c.Class || state.Period != c.Period || state.Department != c.Department || state.Location != c.Location;
        var statusChanged = state.Status != c.Status;

        switch (c.Status)
        {
            case EncounterStatus.EnteredInError when statusChanged:
                events.Add(new EncounterEnteredInError(c.Stamp));
                break;
            case EncounterStatus.Cancelled when statusChanged:
                if (state.Status == EncounterStatus.Finished)
                    return Decision<IEncounterEvent>.Reject("a finished encounter cannot be cancelled; mark it entered-in-error instead");
                events.Add(new EncounterCancelled(c.Stamp));
                break;
            case EncounterStatus.Finished when statusChanged:
                if (state.Status == EncounterStatus.Cancelled)
                    return Decision<IEncounterEvent>.Reject("a cancelled encounter cannot be completed");
                if (detailsChanged)
                    events.Add(Updated(state.Status, c));
                events.Add(Completion(state with { Period = c.Period, Department = c.Department }, c));
                return Decision<IEncounterEvent>.Accept([.. events]);
            default:
                if (statusChanged && state.Status is EncounterStatus.Finished or EncounterStatus.Cancelled)
                    return Decision<IEncounterEvent>.Reject($"a {state.Status} encounter cannot go back to {c.Status}");
                if (statusChanged || detailsChanged)
                    events.Add(Updated(c.Status, c));
                break;
        }

        if (detailsChanged && events.Count > 0 && events[0] is not EncounterUpdated)
            events.Insert(0, Updated(state.Status, c));
        return events.Count == 0
            ? Decision<IEncounterEvent>.Accept(new SourceVersionRecorded(c.Stamp))
            : Decision<IEncounterEvent>.Accept([.. events]);
    }

    private static EncounterUpdated Updated(EncounterStatus status, RecordEncounter c) =>
        new(status, c.Class, c.Period, c.Department, c.Location, c.Stamp);

    private static EncounterCompleted Completion(EncounterState state, RecordEncounter c)
    {
        var active = state.ActiveCharges.ToList();
        var trigger = new BillingTrigger(c.Key, c.LegalEntity, state.Department, c.Period.End, active.Count, state.ChargesTotal);
        return new EncounterCompleted(trigger, c.Stamp);
    }

    private static Decision<IEncounterEvent> Capture(EncounterState state, CaptureCharge c)
    {
        if (RefuseCharges(state) is { } refusal)
            return refusal;
        var line = c.Charge;
        if (line.Amount.IsNegative || line.Quantity < 0m)
            return Decision<IEncounterEvent>.Reject($"charge {line.ChargeId} has a negative amount or quantity; send a correction instead");
        if (state.ChargeCurrency is { } currency && currency != line.Amount.Currency)
            return Decision<IEncounterEvent>.Reject($"charge {line.ChargeId} is in {line.Amount.Currency} but the encounter's charges are in {currency}");

        if (!state.Charges.TryGetValue(line.ChargeId, out var existing))
            return Decision<IEncounterEvent>.Accept(new ChargeCaptured(line, c.Stamp));
        if (existing.Voided)
            return Decision<IEncounterEvent>.Reject($"charge {line.ChargeId} was voided and cannot be captured again");
        if (existing.Line == line)
            return Decision<IEncounterEvent>.Accept(new SourceVersionRecorded(c.Stamp));
        // A newer version of the same charge: a correction, so that the trail shows old and new amounts.
        return Decision<IEncounterEvent>.Accept(new ChargeCorrected(line, existing.Line.Amount, "newer source version", c.Stamp));
    }

    private static Decision<IEncounterEvent> Correct(EncounterState state, CorrectCharge c)
    {
        if (RefuseCharges(state) is { } refusal)
            return refusal;
        if (!state.Charges.TryGetValue(c.ChargeId, out var existing))
            return Decision<IEncounterEvent>.Reject($"charge {c.ChargeId} is unknown on this encounter");
        if (existing.Voided)
            return Decision<IEncounterEvent>.Reject($"charge {c.ChargeId} was voided and cannot be corrected");
        if (c.Amount.IsNegative || c.Quantity < 0m)
            return Decision<IEncounterEvent>.Reject($"the correction of charge {c.ChargeId} has a negative amount or quantity; void the charge instead");
        if (c.Amount.Currency != existing.Line.Amount.Currency)
            return Decision<IEncounterEvent>.Reject($"the correction of charge {c.ChargeId} is in {c.Amount.Currency}, the charge in {existing.Line.Amount.Currency}");
        return existing.Line.Amount == c.Amount && existing.Line.Quantity == c.Quantity
            ? Decision<IEncounterEvent>.Accept(new SourceVersionRecorded(c.Stamp))
            : Decision<IEncounterEvent>.Accept(new ChargeCorrected(existing.Line with { Quantity = c.Quantity, Amount = c.Amount }, existing.Line.Amount, c.Reason, c.Stamp));
    }

    private static Decision<IEncounterEvent> Void(EncounterState state, VoidCharge c)
    {
        if (!state.IsRegistered)
            return Decision<IEncounterEvent>.Reject("the encounter is not registered yet");
        if (!state.Charges.TryGetValue(c.ChargeId, out var existing))
            return Decision<IEncounterEvent>.Reject($"charge {c.ChargeId} is unknown on this encounter");
        return existing.Voided
            ? Decision<IEncounterEvent>.Accept(new SourceVersionRecorded(c.Stamp))
            : Decision<IEncounterEvent>.Accept(new ChargeVoided(c.ChargeId, existing.Line.Amount, c.Reason, c.Stamp));
    }

    private static Decision<IEncounterEvent>? RefuseCharges(EncounterState state) => state switch
    {
        { IsRegistered: false } => Decision<IEncounterEvent>.Reject("the encounter is not registered yet"),
        { Status: EncounterStatus.Cancelled } => Decision<IEncounterEvent>.Reject("the encounter was cancelled; it takes no charges"),
        { Status: EncounterStatus.EnteredInError } => Decision<IEncounterEvent>.Reject("the encounter was entered in error; it takes no charges"),
        _ => null,
    };

    /// <summary>Voids a charge; once no charge is active, the next one may be in any currency.</summary>
    private static EncounterState WithoutCharge(EncounterState state, string chargeId)
    {
        var charges = state.Charges.SetItem(chargeId, state.Charges[chargeId] with { Voided = true });
        return state with { Charges = charges, ChargeCurrency = charges.Values.Any(c => !c.Voided) ? state.ChargeCurrency : null };
    }

    public EncounterState Apply(EncounterState state, IEncounterEvent @event)
    {
        var next = @event switch
        {
            EncounterRegistered e => state with
            {
                Key = e.Key, LegalEntity = e.LegalEntity, Status = e.Status, Class = e.Class, Period = e.Period,
                Department = e.Department, Location = e.Location, PatientPseudonym = e.PatientPseudonym,
            },
            EncounterUpdated e => state with { Status = e.Status, Class = e.Class, Period = e.Period, Department = e.Department, Location = e.Location },
            ChargeCaptured e => state with
            {
                Charges = state.Charges.SetItem(e.Charge.ChargeId, new Charge(e.Charge, false)),
                ChargeCurrency = state.ChargeCurrency ?? e.Charge.Amount.Currency,
            },
            ChargeCorrected e => state with { Charges = state.Charges.SetItem(e.Charge.ChargeId, new Charge(e.Charge, false)) },
            ChargeVoided e => WithoutCharge(state, e.ChargeId),
            EncounterCompleted e => state with { Status = EncounterStatus.Finished, BillingTriggered = true, Period = state.Period with { End = e.Trigger.CompletedAt ?? state.Period.End } },
            EncounterCancelled => state with { Status = EncounterStatus.Cancelled },
            EncounterEnteredInError => state with { Status = EncounterStatus.EnteredInError },
            _ => state,
        };
        return next with { Versions = Deciding.Record(next.Versions, @event.Stamp) };
    }
}
