namespace OrleansBank.Runtime.Persistence;

/// <summary>Provider SPI: the statements a <see cref="SqlGrainStorage"/> runs against its table of grain state.</summary>
/// <remarks>
/// Each statement names its parameters @s (state name), @g (grain id), @d (data), @new (the new ETag) and @old (the
/// ETag the caller holds, or NULL); a statement may leave some of them unused.
/// </remarks>
/// <param name="Read">Selects (data, etag) of one record.</param>
/// <param name="Insert">Inserts a record unless one exists (changing no row then).</param>
/// <param name="Update">Updates a record only where its ETag is @old.</param>
/// <param name="Delete">Deletes a record only where its ETag is @old, treating NULL as equal to NULL.</param>
/// <param name="ReadETag">Selects the ETag of one record.</param>
public sealed record GrainStateSql(string Read, string Insert, string Update, string Delete, string ReadETag);
