using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
{
    /// <summary>The page's HTML changed: the stored renderings are dropped.</summary>
    public partial class PagesNameTheirBoxes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Each box of a list now carries its name (ticked on the page) and each "not filled in" its section (Add links):
            // every stored page is rendered anew at its next view.
            migrationBuilder.Sql("""UPDATE "Milestones" SET "Html" = NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
