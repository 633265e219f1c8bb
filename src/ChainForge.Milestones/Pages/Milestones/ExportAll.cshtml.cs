using System.IO.Compression;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Data;
using ChainForge.Milestones.Milestones;
using ChainForge.Milestones.Milestones.Reviews;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ChainForge.Milestones.Pages.Milestones;

/// <summary>
/// Downloads every milestone as <c>{ID}.md</c> in one zip, with the approvals ledger, streamed: milestones are read one
/// at a time and each entry is written to the response as it is made, never the whole zip in memory.
/// </summary>
[Authorize(Policy = Roles.Author)]
public sealed class ExportAllModel(MilestonesDbContext db) : PageModel
{
    public const string FileName = "milestones.zip";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Response.ContentType = "application/zip";
        Response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileName = FileName }.ToString();
        await using var spool = new Spool();
        using (var zip = new ZipArchive(spool, ZipArchiveMode.Create, leaveOpen: true))
        {
            var milestones = db.Milestones.AsNoTracking().OrderBy(m => m.Id).AsAsyncEnumerable();
            await foreach (var milestone in milestones.WithCancellation(cancellationToken))
            {
                var entry = zip.CreateEntry(MilestoneFiles.FileName(milestone), CompressionLevel.Fastest);
                using (var content = entry.Open())
                    content.Write(MilestoneFiles.Encode(milestone));
                await spool.SendAsync(Response.Body, cancellationToken);
            }
            // Beside the files, the server's signatures of their approvals, for `check` in the repository.
            var ledger = zip.CreateEntry(ApprovalLedger.FileName, CompressionLevel.Fastest);
            using (var content = ledger.Open())
                content.Write(System.Text.Encoding.UTF8.GetBytes(ApprovalLedger.Write(await ApprovalLedger.CurrentAsync(db, cancellationToken))));
        }
        await spool.SendAsync(Response.Body, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>
    /// Holds what the zip writes (its writes are synchronous, even through its async API) until
    /// it is sent on asynchronously after each entry: one entry in memory at a time, no
    /// synchronous IO on the response.
    /// </summary>
    private sealed class Spool : Stream
    {
        private readonly MemoryStream _buffer = new();

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => _buffer.Write(buffer, offset, count);
        public override void Write(ReadOnlySpan<byte> buffer) => _buffer.Write(buffer);
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public async Task SendAsync(Stream target, CancellationToken cancellationToken)
        {
            if (_buffer.Length == 0)
                return;
            await target.WriteAsync(_buffer.GetBuffer().AsMemory(0, (int)_buffer.Length), cancellationToken);
            _buffer.SetLength(0);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                _buffer.Dispose();
            base.Dispose(disposing);
        }
    }
}
