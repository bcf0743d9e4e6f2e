using OrleansBank.Runtime.Calls;

namespace OrleansBank.Runtime.Activation;

// The inbox: a lock-free stack of pushed messages linked through Message.NextInInbox, always taken whole and turned
// oldest first. One field per activation: a ConcurrentQueue cost ~830 B per activation, idle ones included, and kept
// the largest segment a burst ever needed for the activation's life.
internal sealed partial class ActivationData
{
    private Message? _inboxHead;

    private bool InboxIsEmpty => Volatile.Read(ref _inboxHead) is null;

    /// <summary>Pushes without a lock; the compare-and-swap is a full fence, which Push's handshake with retiring relies on.</summary>
    private void PushToInbox(Message message)
    {
        var head = Volatile.Read(ref _inboxHead);
        while (true)
        {
            message.NextInInbox = head;
            var seen = Interlocked.CompareExchange(ref _inboxHead, message, head);
            if (ReferenceEquals(seen, head))
            {
                return;
            }

            head = seen;
        }
    }

    /// <summary>
    /// Takes every message pushed so far, oldest first, linked through <see cref="Message.NextInInbox"/> (walk it with
    /// <see cref="Unlink"/>). Call under the lock: the walkers below hold it, and relinking must not happen under them.
    /// </summary>
    private Message? TakeInbox()
    {
        if (Volatile.Read(ref _inboxHead) is null)
        {
            return null;
        }

        var newest = Interlocked.Exchange(ref _inboxHead, null);
        Message? oldest = null;
        while (newest is not null)
        {
            var older = newest.NextInInbox;
            newest.NextInInbox = oldest;
            oldest = newest;
            newest = older;
        }

        return oldest;
    }

    /// <summary>The message after <paramref name="message"/> in a taken chain; unlinks it, so it may be pushed elsewhere.</summary>
    private static Message? Unlink(Message message)
    {
        var next = message.NextInInbox;
        message.NextInInbox = null;
        return next;
    }

    /// <summary>Messages in the inbox; call under the lock (pushers only add nodes, and takers hold the lock).</summary>
    private int InboxCount()
    {
        var count = 0;
        for (var message = Volatile.Read(ref _inboxHead); message is not null; message = message.NextInInbox)
        {
            count++;
        }

        return count;
    }

    /// <summary>True when a message in the inbox matches; call under the lock.</summary>
    private bool InboxAny(Func<Message, bool> match)
    {
        for (var message = Volatile.Read(ref _inboxHead); message is not null; message = message.NextInInbox)
        {
            if (match(message))
            {
                return true;
            }
        }

        return false;
    }
}
