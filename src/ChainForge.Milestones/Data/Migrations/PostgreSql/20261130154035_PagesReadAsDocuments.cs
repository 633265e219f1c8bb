using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
{
    /// <summary>The page's HTML changed: the stored renderings are dropped.</summary>
    public partial class PagesReadAsDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Pages now say "not filled in" where the file has the template's placeholders:
            // every stored page is rendered anew at its next view.
            migrationBuilder.Sql("""UPDATE "Milestones" SET "Html" = NULL;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
