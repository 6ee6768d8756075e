namespace SalesCoach.Coaching.Messaging;

/// <summary>
/// Who on this replica wants each routing key bound, and whether the broker has it bound now. A key is wanted while a
/// stream is open on its interaction or live state of it is held here (a watch, with the callback that drops that
/// state); it is forgotten once nobody wants it and it is not bound. Bookkeeping only: <see cref="RabbitMqTopology"/>
/// talks to the broker.
/// </summary>
internal sealed class RoutingKeyInterest
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, KeyState> _keys = new(StringComparer.Ordinal);

    public int BoundCount
    {
        get
        {
            lock (_gate)
            {
                return _keys.Values.Count(k => k.Bound);
            }
        }
    }

    public void AddStream(RabbitMqSubscription stream)
    {
        lock (_gate)
        {
            State(stream.Key).Streams.Add(stream);
        }
    }

    public void RemoveStream(RabbitMqSubscription stream)
    {
        lock (_gate)
        {
            if (_keys.TryGetValue(stream.Key, out var state))
            {
                state.Streams.Remove(stream);
            }
        }
    }

    /// <summary>Every open stream, none of which wants its key from now on: the caller ends them.</summary>
    public List<RabbitMqSubscription> TakeStreams()
    {
        lock (_gate)
        {
            List<RabbitMqSubscription> streams = [.. _keys.Values.SelectMany(k => k.Streams)];
            foreach (var state in _keys.Values)
            {
                state.Streams.Clear();
            }

            return streams;
        }
    }

    public void Watch(string key, Action stale)
    {
        lock (_gate)
        {
            var state = State(key);
            state.Watchers++;
            state.Stale = stale;
        }
    }

    /// <summary>False when the key had no watch to release.</summary>
    public bool Unwatch(string key)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state) || state.Watchers == 0)
            {
                return false;
            }

            if (--state.Watchers == 0)
            {
                state.Stale = null;
            }

            return true;
        }
    }

    public Action? StaleCallback(string key)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(key, out var state) ? state.Stale : null;
        }
    }

    /// <summary>The callbacks of every key watched now.</summary>
    public List<Action> StaleCallbacks()
    {
        lock (_gate)
        {
            return [.. _keys.Values.Select(k => k.Stale).OfType<Action>()];
        }
    }

    public List<string> Wanted()
    {
        lock (_gate)
        {
            return [.. _keys.Where(k => k.Value.Wanted).Select(k => k.Key)];
        }
    }

    public List<string> Keys()
    {
        lock (_gate)
        {
            return [.. _keys.Keys];
        }
    }

    /// <summary>
    /// True when the broker's binding of the key differs from whether anyone wants it; <paramref name="bind"/> says which
    /// way to change it. Forgets a key that nobody wants and that is not bound.
    /// </summary>
    public bool Differs(string key, out bool bind)
    {
        lock (_gate)
        {
            bind = false;
            if (!_keys.TryGetValue(key, out var state))
            {
                return false;
            }

            if (!state.Wanted && !state.Bound)
            {
                _keys.Remove(key);
                return false;
            }

            bind = state.Wanted;
            return state.Wanted != state.Bound;
        }
    }

    public void SetBound(string key, bool bound)
    {
        lock (_gate)
        {
            if (!_keys.TryGetValue(key, out var state))
            {
                return;
            }

            state.Bound = bound;
            if (!state.Wanted && !state.Bound)
            {
                _keys.Remove(key);
            }
        }
    }

    /// <summary>The exclusive queue died with the connection, and every binding with it.</summary>
    public void UnboundAll()
    {
        lock (_gate)
        {
            foreach (var (key, state) in _keys.ToList())
            {
                state.Bound = false;
                if (!state.Wanted)
                {
                    _keys.Remove(key);
                }
            }
        }
    }

    private KeyState State(string key)
    {
        if (!_keys.TryGetValue(key, out var state))
        {
            _keys[key] = state = new KeyState();
        }

        return state;
    }

    private sealed class KeyState
    {
        public List<RabbitMqSubscription> Streams { get; } = [];

        public int Watchers { get; set; }

        public Action? Stale { get; set; }

        public bool Bound { get; set; }

        public bool Wanted => Streams.Count > 0 || Watchers > 0;
    }
}
