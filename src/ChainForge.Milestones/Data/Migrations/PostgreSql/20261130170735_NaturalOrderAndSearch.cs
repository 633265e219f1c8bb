using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ChainForge.Milestones.Data.Migrations.PostgreSql
{
    /// <summary>The list in natural order (M-2 before M-10) and a full-text search of every section: MilestoneSearch.</summary>
    public partial class NaturalOrderAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Milestones_Title_Id",
                table: "Milestones");

            migrationBuilder.AddColumn<string>(
                name: "IdOrder",
                table: "Milestones",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchBody",
                table: "Milestones",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchTitle",
                table: "Milestones",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TitleOrder",
                table: "Milestones",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_IdOrder_Id",
                table: "Milestones",
                columns: new[] { "IdOrder", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_TitleOrder_Id",
                table: "Milestones",
                columns: new[] { "TitleOrder", "Id" });

            // The index and what keeps it; the rows stored before it are filled in at start-up.
            MilestoneSearch.CreateIndex(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            MilestoneSearch.DropIndex(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_Milestones_IdOrder_Id",
                table: "Milestones");

            migrationBuilder.DropIndex(
                name: "IX_Milestones_TitleOrder_Id",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "IdOrder",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "SearchBody",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "SearchTitle",
                table: "Milestones");

            migrationBuilder.DropColumn(
                name: "TitleOrder",
                table: "Milestones");

            migrationBuilder.CreateIndex(
                name: "IX_Milestones_Title_Id",
                table: "Milestones",
                columns: new[] { "Title", "Id" });
        }
    }
}
