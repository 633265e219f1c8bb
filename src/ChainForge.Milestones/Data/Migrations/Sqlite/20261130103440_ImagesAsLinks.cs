using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.Sqlite
{
    /// <summary>MarkdownHtml changed: the stored renderings are dropped.</summary>
    public partial class ImagesAsLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Pages now show images from other hosts as links and a refused link's text once:
            // every stored page is rendered anew at its next view.
            migrationBuilder.Sql("""UPDATE "Milestones" SET "Html" = NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
