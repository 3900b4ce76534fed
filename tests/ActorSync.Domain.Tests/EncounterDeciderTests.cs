using ActorSync.Domain.Common;
using ActorSync.Domain.Encounters;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class EncounterDeciderTests
{
    private static readonly EncounterKey _key = new(new SiteId("site-north"), new EncounterId("enc-1001"));
    private static readonly LegalEntityId _entity = new("le-north");
    private static readonly DepartmentId _cardiology = new("cardiology");
    private static readonly DateTimeOffset _admitted = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset _discharged = new(2025, 3, 12, 16, 0, 0, TimeSpan.Zero);
    private static readonly Currency _usd = Currency.Usd;

    private static RecordEncounter Record(
        EncounterStatus status,
        long version,
        DateTimeOffset? end = null,
        string? location = "ward-3",
        LegalEntityId? entity = null,
        string? content = null) =>
        new(_key, entity ?? _entity, status, "inpatient", new Period(_admitted, end), _cardiology, location, "patient-7f3a",
            TestStamps.Of("Encounter", "enc-1001", version, content));

    private static ChargeLine Line(string chargeId, decimal amount, Currency? currency = null, string code = "99213") =>
        new(chargeId, code, $"charge {chargeId}", 1m, Money.Of(amount, currency ?? _usd), _cardiology, _admitted);

    private static CaptureCharge Capture(ChargeLine line, long version = 1) =>
        new(_key, line, TestStamps.Of("ChargeItem", line.ChargeId, version));

    private static CorrectCharge Correct(string chargeId, decimal quantity, Money amount, long version) =>
        new(_key, chargeId, quantity, amount, "coding review", TestStamps.Of("ChargeItem", chargeId, version));

    private static VoidCharge Void(string chargeId, long version) =>
        new(_key, chargeId, "charged in error", TestStamps.Of("ChargeItem", chargeId, version));

    private static Scenario<EncounterState, IEncounterCommand, IEncounterEvent> InProgress() =>
        Scenarios.Encounter().Given(Record(EncounterStatus.InProgress, 1));

    [Fact]
    public void New_encounter_is_registered_with_its_details()
    {
        var encounter = Scenarios.Encounter();

        var decision = encounter.When(Record(EncounterStatus.InProgress, 1));

        var registered = Assert.IsType<EncounterRegistered>(DecisionAssert.AcceptedOne(decision));
        Assert.Equal(_key, registered.Key);
        Assert.True(encounter.State.IsRegistered);
        Assert.Equal(_entity, encounter.State.LegalEntity);
        Assert.Equal(EncounterStatus.InProgress, encounter.State.Status);
        Assert.Equal("ward-3", encounter.State.Location);
        Assert.Equal("patient-7f3a", encounter.State.PatientPseudonym);
        Assert.False(encounter.State.BillingTriggered);
    }

    [Fact]
    public void Encounter_first_seen_as_finished_is_registered_and_completed_at_once()
    {
        var encounter = Scenarios.Encounter();

        var events = DecisionAssert.Accepted(encounter.When(Record(EncounterStatus.Finished, 1, end: _discharged)));

        Assert.Equal(2, events.Count);
        Assert.IsType<EncounterRegistered>(events[0]);
        var trigger = Assert.IsType<EncounterCompleted>(events[1]).Trigger;
        Assert.Equal(_key, trigger.Encounter);
        Assert.Equal(_entity, trigger.LegalEntity);
        Assert.Equal(_cardiology, trigger.Department);
        Assert.Equal(_discharged, trigger.CompletedAt);
        Assert.Equal(0, trigger.ChargeCount);
        Assert.Null(trigger.ChargesTotal);
        Assert.Equal(EncounterStatus.Finished, encounter.State.Status);
        Assert.True(encounter.State.BillingTriggered);
    }

    [Fact]
    public void Completion_raises_a_billing_trigger_with_the_total_of_active_charges()
    {
        var encounter = InProgress().Given(
            Capture(Line("ch-1", 120.50m)),
            Capture(Line("ch-2", 80.25m)),
            Capture(Line("ch-3", 999.99m)),
            Void("ch-3", 2));

        var decision = encounter.When(Record(EncounterStatus.Finished, 2, end: _discharged));

        // The discharge time is a detail change too, recorded before the trigger.
        var completed = Assert.Single(DecisionAssert.Accepted(decision).OfType<EncounterCompleted>());
        Assert.Equal(2, completed.Trigger.ChargeCount);
        Assert.Equal(Money.Of(200.75m, _usd), completed.Trigger.ChargesTotal);
        Assert.Equal(_discharged, completed.Trigger.CompletedAt);
        Assert.Equal(EncounterStatus.Finished, encounter.State.Status);
        Assert.Equal(_discharged, encounter.State.Period.End);
        Assert.True(encounter.State.BillingTriggered);
    }

    [Fact]
    public void Completion_with_changed_details_records_them_before_the_trigger()
    {
        var encounter = InProgress();

        var events = DecisionAssert.Accepted(encounter.When(Record(EncounterStatus.Finished, 2, end: _discharged, location: "ward-5")));

        Assert.Equal(2, events.Count);
        Assert.Equal("ward-5", Assert.IsType<EncounterUpdated>(events[0]).Location);
        Assert.IsType<EncounterCompleted>(events[1]);
        Assert.Equal("ward-5", encounter.State.Location);
        Assert.Equal(EncounterStatus.Finished, encounter.State.Status);
    }

    [Fact]
    public void Newer_version_of_a_finished_encounter_does_not_trigger_billing_again()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.Finished, 2, end: _discharged));
        var resent = Record(EncounterStatus.Finished, 3, end: _discharged);

        DecisionAssert.VersionOnly(encounter.When(resent), resent.Stamp);
        Assert.Equal(3, encounter.State.Versions[resent.Stamp.Key].Version);
    }

    [Fact]
    public void Exact_duplicate_is_acknowledged_without_new_events()
    {
        var encounter = InProgress();
        var before = encounter.State;

        DecisionAssert.Duplicate(encounter.When(Record(EncounterStatus.InProgress, 1)));
        Assert.Same(before, encounter.State);
    }

    [Fact]
    public void Duplicate_charge_is_acknowledged_without_new_events()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 50m)));
        var before = encounter.State;

        DecisionAssert.Duplicate(encounter.When(Capture(Line("ch-1", 50m))));
        Assert.Same(before, encounter.State);
        Assert.Equal(Money.Of(50m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Older_version_is_out_of_order_and_changes_nothing()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.InProgress, 3, location: "ward-9"));
        var before = encounter.State;

        DecisionAssert.OutOfOrder(encounter.When(Record(EncounterStatus.InProgress, 2, location: "ward-4")), stale: 2, applied: 3);
        Assert.Same(before, encounter.State);
        Assert.Equal("ward-9", encounter.State.Location);
    }

    [Fact]
    public void Newer_version_without_changes_records_only_the_version_so_older_ones_stay_out()
    {
        var encounter = InProgress();
        var unchanged = Record(EncounterStatus.InProgress, 2);

        DecisionAssert.VersionOnly(encounter.When(unchanged), unchanged.Stamp);

        Assert.Equal(2, encounter.State.Versions[unchanged.Stamp.Key].Version);
        Assert.Equal(Outcome.OutOfOrder, encounter.When(Record(EncounterStatus.InProgress, 1, location: "ward-4")).Outcome);
    }

    [Fact]
    public void Same_version_with_different_content_is_rejected_as_a_conflict()
    {
        var encounter = InProgress();

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.Finished, 1, content: "other")), "different content");
        Assert.Equal(EncounterStatus.InProgress, encounter.State.Status);
    }

    [Fact]
    public void Status_change_is_recorded_as_an_update()
    {
        var encounter = Scenarios.Encounter().Given(Record(EncounterStatus.Planned, 1));

        var updated = Assert.IsType<EncounterUpdated>(DecisionAssert.AcceptedOne(encounter.When(Record(EncounterStatus.InProgress, 2))));

        Assert.Equal(EncounterStatus.InProgress, updated.Status);
        Assert.Equal(EncounterStatus.InProgress, encounter.State.Status);
    }

    [Fact]
    public void Encounter_recorded_for_another_legal_entity_is_rejected()
    {
        var encounter = InProgress();

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.InProgress, 2, entity: new LegalEntityId("le-south"))), "le-north", "le-south");
        Assert.Equal(_entity, encounter.State.LegalEntity);
    }

    [Fact]
    public void Captured_charge_joins_the_active_charges()
    {
        var encounter = InProgress();
        var line = Line("ch-1", 75.40m);

        var captured = Assert.IsType<ChargeCaptured>(DecisionAssert.AcceptedOne(encounter.When(Capture(line))));

        Assert.Equal(line, captured.Charge);
        Assert.Equal([line], encounter.State.ActiveCharges);
        Assert.Equal(Money.Of(75.40m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Charge_on_an_unregistered_encounter_is_refused()
    {
        var encounter = Scenarios.Encounter();

        DecisionAssert.Rejected(encounter.When(Capture(Line("ch-1", 10m))), "not registered");
        Assert.Empty(encounter.State.Charges);
    }

    [Theory]
    [InlineData(EncounterStatus.Cancelled, "cancelled")]
    [InlineData(EncounterStatus.EnteredInError, "entered in error")]
    public void Charges_are_refused_on_a_cancelled_or_erroneous_encounter(EncounterStatus status, string reason)
    {
        var encounter = InProgress().Given(Record(status, 2));

        DecisionAssert.Rejected(encounter.When(Capture(Line("ch-1", 10m))), reason);
        Assert.Empty(encounter.State.Charges);
    }

    [Theory]
    [InlineData(EncounterStatus.Cancelled, "cancelled")]
    [InlineData(EncounterStatus.EnteredInError, "entered in error")]
    public void Corrections_are_refused_on_a_cancelled_or_erroneous_encounter(EncounterStatus status, string reason)
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 10m)), Record(status, 2));

        DecisionAssert.Rejected(encounter.When(Correct("ch-1", 1m, Money.Of(8m, _usd), 2)), reason);
        Assert.Equal(Money.Of(10m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Charge_in_another_currency_than_the_encounters_charges_is_refused()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 10m)));

        DecisionAssert.Rejected(encounter.When(Capture(Line("ch-2", 10m, Currency.Eur))), "ch-2", "EUR", "USD");
        Assert.Single(encounter.State.Charges);
    }

    [Fact]
    public void Negative_charge_is_refused_in_favour_of_a_correction()
    {
        var encounter = InProgress();

        DecisionAssert.Rejected(encounter.When(Capture(Line("ch-1", -10m))), "ch-1", "negative");
        Assert.Empty(encounter.State.Charges);
    }

    [Fact]
    public void Correction_changes_the_amount_and_keeps_the_previous_one_in_the_trail()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)), Capture(Line("ch-2", 40m)));

        var corrected = Assert.IsType<ChargeCorrected>(DecisionAssert.AcceptedOne(encounter.When(Correct("ch-1", 2m, Money.Of(85.50m, _usd), 2))));

        Assert.Equal(Money.Of(100m, _usd), corrected.PreviousAmount);
        Assert.Equal(Money.Of(85.50m, _usd), corrected.Charge.Amount);
        Assert.Equal("coding review", corrected.Reason);
        Assert.Equal(2m, encounter.State.Charges["ch-1"].Line.Quantity);
        Assert.Equal(Money.Of(125.50m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Correction_to_the_same_amount_and_quantity_records_only_the_version()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));
        var same = Correct("ch-1", 1m, Money.Of(100m, _usd), 2);

        DecisionAssert.VersionOnly(encounter.When(same), same.Stamp);
        Assert.Equal(Money.Of(100m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Correction_of_an_unknown_charge_is_refused()
    {
        var encounter = InProgress();

        DecisionAssert.Rejected(encounter.When(Correct("ch-404", 1m, Money.Of(5m, _usd), 1)), "ch-404", "unknown");
    }

    [Fact]
    public void Correction_in_another_currency_is_refused()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));

        DecisionAssert.Rejected(encounter.When(Correct("ch-1", 1m, Money.Of(90m, Currency.Eur), 2)), "EUR", "USD");
        Assert.Equal(Money.Of(100m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Negative_correction_is_refused_in_favour_of_a_void()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));

        DecisionAssert.Rejected(encounter.When(Correct("ch-1", 1m, Money.Of(-100m, _usd), 2)), "void");
    }

    [Fact]
    public void Newer_version_of_a_charge_with_another_amount_is_recorded_as_a_correction()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));

        var corrected = Assert.IsType<ChargeCorrected>(DecisionAssert.AcceptedOne(encounter.When(Capture(Line("ch-1", 60m), version: 2))));

        Assert.Equal(Money.Of(100m, _usd), corrected.PreviousAmount);
        Assert.Equal(Money.Of(60m, _usd), corrected.Charge.Amount);
        Assert.Equal(Money.Of(60m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Newer_version_of_an_unchanged_charge_records_only_the_version()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));
        var resent = Capture(Line("ch-1", 100m), version: 2);

        DecisionAssert.VersionOnly(encounter.When(resent), resent.Stamp);
        Assert.Equal(Money.Of(100m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Newer_version_of_a_charge_with_another_code_replaces_the_code()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m, code: "99213")));

        DecisionAssert.Accepted(encounter.When(Capture(Line("ch-1", 100m, code: "99214"), version: 2)));

        Assert.Equal("99214", encounter.State.Charges["ch-1"].Line.Code);
        var resent = Capture(Line("ch-1", 100m, code: "99214"), version: 3);
        DecisionAssert.VersionOnly(encounter.When(resent), resent.Stamp);
    }

    [Fact]
    public void Voided_charge_leaves_the_total_but_stays_on_record()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)), Capture(Line("ch-2", 30m)));

        var voided = Assert.IsType<ChargeVoided>(DecisionAssert.AcceptedOne(encounter.When(Void("ch-1", 2))));

        Assert.Equal(Money.Of(100m, _usd), voided.Amount);
        Assert.True(encounter.State.Charges["ch-1"].Voided);
        Assert.Equal(Money.Of(30m, _usd), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Voiding_every_charge_leaves_no_total()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)));

        DecisionAssert.Accepted(encounter.When(Void("ch-1", 2)));

        Assert.Empty(encounter.State.ActiveCharges);
        Assert.Null(encounter.State.ChargesTotal);
    }

    [Fact]
    public void Voiding_a_voided_charge_again_records_only_the_version()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)), Void("ch-1", 2));
        var again = Void("ch-1", 3);

        DecisionAssert.VersionOnly(encounter.When(again), again.Stamp);
    }

    [Fact]
    public void Voided_charge_cannot_be_captured_or_corrected_again()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)), Void("ch-1", 2));

        DecisionAssert.Rejected(encounter.When(Capture(Line("ch-1", 100m), version: 3)), "ch-1", "voided");
        DecisionAssert.Rejected(encounter.When(Correct("ch-1", 1m, Money.Of(90m, _usd), 3)), "ch-1", "voided");
        Assert.Null(encounter.State.ChargesTotal);
    }

    [Fact]
    public void Voiding_an_unknown_charge_is_refused()
    {
        var encounter = InProgress();

        DecisionAssert.Rejected(encounter.When(Void("ch-404", 1)), "ch-404", "unknown");
    }

    [Fact]
    public void Charge_currency_follows_the_remaining_active_charges()
    {
        var encounter = InProgress().Given(Capture(Line("ch-1", 100m)), Void("ch-1", 2));

        DecisionAssert.Accepted(encounter.When(Capture(Line("ch-2", 100m, Currency.Eur))));

        Assert.Equal(Money.Of(100m, Currency.Eur), encounter.State.ChargesTotal);
    }

    [Fact]
    public void Finished_encounter_cannot_be_cancelled()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.Finished, 2, end: _discharged));

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.Cancelled, 3, end: _discharged)), "finished", "entered-in-error");
        Assert.Equal(EncounterStatus.Finished, encounter.State.Status);
    }

    [Fact]
    public void Finished_encounter_can_be_marked_entered_in_error()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.Finished, 2, end: _discharged));

        Assert.IsType<EncounterEnteredInError>(DecisionAssert.AcceptedOne(encounter.When(Record(EncounterStatus.EnteredInError, 3, end: _discharged))));
        Assert.Equal(EncounterStatus.EnteredInError, encounter.State.Status);
    }

    [Fact]
    public void Finished_encounter_cannot_go_back_in_progress()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.Finished, 2, end: _discharged));

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.InProgress, 3)), "Finished", "InProgress");
        Assert.Equal(EncounterStatus.Finished, encounter.State.Status);
    }

    [Fact]
    public void Cancelled_encounter_cannot_be_completed()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.Cancelled, 2));

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.Finished, 3, end: _discharged)), "cancelled");
        Assert.Equal(EncounterStatus.Cancelled, encounter.State.Status);
        Assert.False(encounter.State.BillingTriggered);
    }

    [Fact]
    public void Cancellation_with_changed_details_records_them_first()
    {
        var encounter = InProgress();

        var events = DecisionAssert.Accepted(encounter.When(Record(EncounterStatus.Cancelled, 2, location: "ward-5")));

        Assert.Equal(2, events.Count);
        Assert.IsType<EncounterUpdated>(events[0]);
        Assert.IsType<EncounterCancelled>(events[1]);
        Assert.Equal(EncounterStatus.Cancelled, encounter.State.Status);
        Assert.Equal("ward-5", encounter.State.Location);
    }

    [Fact]
    public void Encounter_entered_in_error_takes_no_further_changes()
    {
        var encounter = InProgress().Given(Record(EncounterStatus.EnteredInError, 2));

        DecisionAssert.Rejected(encounter.When(Record(EncounterStatus.InProgress, 3)), "entered in error");
        Assert.Equal(EncounterStatus.EnteredInError, encounter.State.Status);
    }
}
