using ActorSync.Domain.Common;
using ActorSync.Domain.InputExceptions;
using Xunit;

namespace ActorSync.Domain.Tests;

public sealed class InputExceptionDeciderTests
{
    private static readonly InputExceptionKey Key = new(TestStamps.Source, "ExplanationOfBenefit", "eob-7");
    private static readonly ParkInput Parked = new(Key, InputProblem.Unmappable, "claim Claim/c-7 is not known yet", "{}", TestStamps.Of("ExplanationOfBenefit", "eob-7", 1));

    private static SourceStamp Operator(int n) => new(new SourceId("operator"), "InputException", Key.ToString(), n, $"op-{n}", TestStamps.ReceivedAt.AddMinutes(n));

    private static Scenario<InputExceptionState, IInputExceptionCommand, IInputExceptionEvent> Queue() => new(InputExceptionDecider.Instance);

    [Fact]
    public void A_retry_that_went_through_closes_the_entry_and_a_second_close_is_refused()
    {
        var queue = Queue().Given(Parked);

        Assert.Equal(Outcome.Accepted, queue.When(new ResolveInput(Key, "ops", "retried: accepted", Operator(1))).Outcome);
        Assert.False(queue.State.IsOpen);
        Assert.Equal(new InputClosure(true, "ops", "retried: accepted", Operator(1).ReceivedAt), queue.State.Closed);
        var again = queue.When(new DiscardInput(Key, "ops", "late", Operator(2)));
        Assert.Equal((Outcome.Rejected, $"{Key} is no longer parked"), (again.Outcome, again.Reason));
    }

    [Fact]
    public void A_discard_needs_a_reason_and_a_newer_version_parked_later_reopens_the_entry()
    {
        var queue = Queue().Given(Parked);
        Assert.Equal(Outcome.Rejected, queue.When(new DiscardInput(Key, "ops", " ", Operator(1))).Outcome);
        queue.Given(new DiscardInput(Key, "ops", "sent by mistake", Operator(2)));
        Assert.Equal("sent by mistake", queue.State.Closed!.Note);

        queue.Given(Parked with { Reason = "claim Claim/c-8 is not known yet", Stamp = TestStamps.Of("ExplanationOfBenefit", "eob-7", 2) });

        Assert.True(queue.State.IsOpen);
        Assert.Equal((2, "claim Claim/c-8 is not known yet"), (queue.State.TimesParked, queue.State.Reason));
    }

    [Fact]
    public void Nothing_parked_cannot_be_resolved()
    {
        var decision = Queue().When(new ResolveInput(Key, "ops", "retried: accepted", Operator(1)));

        Assert.Equal((Outcome.Rejected, $"{Key} is not in the input exception queue"), (decision.Outcome, decision.Reason));
    }

    [Fact]
    public void Keys_read_back_from_what_operators_type()
    {
        Assert.Equal(Key, InputExceptionKey.Parse(Key.ToString()));
        Assert.Throws<ArgumentException>(() => InputExceptionKey.Parse("no-bar/at-all"));
    }
}
