using SalesCoach.Storage.Database;

namespace SalesCoach.TestSupport;

/// <summary>Theory data for tests that must hold on both stores: <c>[Theory, ClassData(typeof(BothStores))]</c>.</summary>
public sealed class BothStores : IEnumerable<object[]>
{
    public IEnumerator<object[]> GetEnumerator()
    {
        yield return [StorageProvider.Sqlite];
        yield return [StorageProvider.Postgres];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
