using ChainForge.Milestones.Cli;
using ChainForge.Milestones.Data;

if (CommandLine.IsVerb(args))
{
    // `dotnet run --project` starts the app in its project folder; paths typed on the
    // command line mean the folder the user was in, which the shell keeps in PWD.
    var userDirectory = Environment.GetEnvironmentVariable("PWD") is { } pwd && Directory.Exists(pwd) ? pwd : Directory.GetCurrentDirectory();
    return await CommandLine.RunAsync(args, Console.Out, Console.Error, Directory.GetCurrentDirectory(), userDirectory);
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMilestonesDatabase(Database.ConnectionString(builder.Configuration, builder.Environment.ContentRootPath));
builder.Services.AddRazorPages();

var app = builder.Build();
await Database.MigrateAsync(app.Services);

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}
// A status with no body (an unknown milestone's 404) gets a page, keeping its status code.
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseStaticFiles();
app.UseRouting();
app.MapRazorPages();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
