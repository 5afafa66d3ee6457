using Snnsweep.Contracts;

namespace Snnsweep.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WorkQueueGrainTests(ClusterFixture fixture)
{
    // A queue of its own (keyed apart from "default") so the slot workers never lease from it.
    private IWorkQueueGrain NewQueue() => fixture.Grains.GetGrain<IWorkQueueGrain>($"test-{Guid.NewGuid():N}");

    [Fact]
    public async Task Tickets_are_leased_in_order_and_never_twice()
    {
        var queue = NewQueue();
        await queue.Enqueue([new("s", 0, 0), new("s", 1, 0), new("s", 0, 0)]);

        var first = await queue.Lease("silo-a/0");
        var second = await queue.Lease("silo-b/0");
        var third = await queue.Lease("silo-a/1");

        Assert.Equal(0, first!.Ticket.Number);
        Assert.Equal(1, second!.Ticket.Number);
        Assert.Null(third);
        // Enqueuing a ticket that is out on lease does not duplicate it.
        await queue.Enqueue([new("s", 1, 0)]);
        Assert.Null(await queue.Lease("silo-a/1"));
    }

    [Fact]
    public async Task An_expired_lease_returns_the_ticket_with_the_next_attempt()
    {
        var queue = NewQueue();
        await queue.Enqueue([new("s", 4, 0)]);
        var lease = await queue.Lease("dead-silo/0");

        await Task.Delay(TimeSpan.FromSeconds(4));
        var again = await queue.Lease("live-silo/0");

        Assert.NotNull(again);
        Assert.Equal(4, again!.Ticket.Number);
        Assert.Equal(1, again.Ticket.Attempt);
        Assert.False(await queue.Renew(lease!.LeaseId));
    }

    [Fact]
    public async Task Expired_leases_come_back_to_run_alone_and_only_one_that_ran_alone_on_its_silo_counts_as_its_own_failure()
    {
        var queue = NewQueue();
        await queue.Enqueue([new("s", 0, 0), new("s", 1, 0), new("s", 2, 0)]);
        // Silo a runs two trials and dies; silo b runs one and dies.
        await queue.Lease("a/0");
        await queue.Lease("a/1");
        await queue.Lease("b/0");

        await Task.Delay(TimeSpan.FromSeconds(4));
        var queued = (await queue.GetState()).Queued.OrderBy(t => t.Number).ToArray();

        Assert.Equal([0, 1, 2], queued.Select(t => t.Number));
        Assert.All(queued, t => Assert.Equal(1, t.Attempt));
        Assert.All(queued, t => Assert.True(t.RunAlone));
        Assert.Equal([false, false, true], queued.Select(t => t.LostAlone));
    }

    [Fact]
    public async Task A_ticket_to_run_alone_gets_an_empty_silo_of_its_own_and_a_busy_silo_stops_leasing_until_it_can_give_one()
    {
        var queue = NewQueue();
        await queue.Enqueue([new("s", 0, 0)]);
        var running = await queue.Lease("a/0");
        await queue.Enqueue([new("s", 1, 1) { RunAlone = true }, new("s", 2, 0), new("s", 3, 0)]);

        // Silo a is busy: it does not take the lone ticket, and as the first busy silo to see it waiting, it drains.
        Assert.Null(await queue.Lease("a/1"));
        // An empty silo takes the lone ticket, ahead of the others, and then nothing else while it runs.
        var alone = await queue.Lease("b/0");
        Assert.Equal(1, alone!.Ticket.Number);
        Assert.Null(await queue.Lease("b/1"));
        // No lone ticket waits any more: busy silos lease as usual.
        var second = await queue.Lease("a/1");
        Assert.Equal(2, second!.Ticket.Number);

        // Another lone ticket while every silo is busy: the first busy silo to ask drains (takes nothing, not even the
        // ticket ahead of it) until it is empty, and then takes it.
        await queue.Enqueue([new("s", 4, 1) { RunAlone = true }]);
        Assert.Null(await queue.Lease("a/2"));
        await queue.Complete(running!.LeaseId);
        Assert.Null(await queue.Lease("a/2"));
        await queue.Complete(second.LeaseId);
        Assert.Equal(4, (await queue.Lease("a/2"))!.Ticket.Number);
        Assert.Null(await queue.Lease("a/0"));
        Assert.Equal(3, (await queue.Lease("c/0"))!.Ticket.Number);
    }

    [Fact]
    public async Task Leases_survive_the_queue_being_unreachable_past_their_expiry_and_get_one_duration_after_it_comes_back()
    {
        var key = $"test-{Guid.NewGuid():N}";
        var queue = fixture.Grains.GetGrain<IWorkQueueGrain>(key);
        await queue.Enqueue([new("s", 0, 0)]);
        var lease = await queue.Lease("live-silo/0");

        // The queue goes away (a failed write drops its activation, as its silo's death would) and stays away for
        // longer than the lease (3 s): the holder cannot renew meanwhile.
        FaultyStorage.FailOnce[key] = state => state is Queue.WorkQueueState { Queued.Count: 1 };
        await Assert.ThrowsAnyAsync<Exception>(() => queue.Enqueue([new("s", 1, 0)]));
        await Task.Delay(TimeSpan.FromSeconds(4));

        // Back (a read activates it), its expiry timer runs for a while: the lease is still out and renews.
        Assert.Single((await queue.GetState()).Leased);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.True(await queue.Renew(lease!.LeaseId));
        Assert.DoesNotContain((await queue.GetState()).Queued, t => t.Number == 0);
    }

    [Fact]
    public async Task A_renewed_lease_stays_out_and_a_released_one_comes_back_first()
    {
        var queue = NewQueue();
        await queue.Enqueue([new("s", 0, 0), new("s", 1, 0)]);
        var lease = await queue.Lease("a/0");
        for (var i = 0; i < 6; i++)
        {
            await Task.Delay(300);
            Assert.True(await queue.Renew(lease!.LeaseId));
        }
        var view = await queue.GetState();
        Assert.Single(view.Leased);

        await queue.Release(lease!.LeaseId);
        var next = await queue.Lease("b/0");

        Assert.Equal(0, next!.Ticket.Number);
        Assert.Equal(1, next.Ticket.Attempt);
    }
}
