using System.Net;
using System.Security.Claims;
using System.Text;
using ChainForge.Milestones.Accounts;
using ChainForge.Milestones.Hosting;
using ChainForge.Milestones.Tests.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChainForge.Milestones.Tests.Hosting;

public sealed class MaskedAntiforgeryTests(MilestonesAppFactory app) : IClassFixture<MilestonesAppFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static readonly ClaimsPrincipal Ada = Person("ada-id");
    private static readonly ClaimsPrincipal Bob = Person("bob-id");
    private static readonly ClaimsPrincipal Nobody = new(new ClaimsIdentity());

    private IAntiforgery Antiforgery => app.Services.GetRequiredService<IAntiforgery>();
    private AntiforgeryOptions Options => app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

    [Fact]
    public async Task Two_views_of_a_page_carry_different_tokens_and_each_posts()
    {
        var client = await app.SignedInClientAsync("masked-token-author", Roles.Author);

        var first = Token(await HtmlPage.GetAsync(client, "/milestones/new"));
        var second = Token(await HtmlPage.GetAsync(client, "/milestones/new"));

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, await PreviewAsync(client, first));
        Assert.Equal(HttpStatusCode.OK, await PreviewAsync(client, second));
    }

    [Fact]
    public async Task A_token_as_the_framework_makes_it_is_still_accepted_and_a_changed_one_is_not()
    {
        var client = await app.SignedInClientAsync("masked-token-author", Roles.Author);
        var token = Token(await HtmlPage.GetAsync(client, "/milestones/new"));
        var changed = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

        Assert.Equal(HttpStatusCode.OK, await PreviewAsync(client, MaskedAntiforgery.Unmask(token)));
        Assert.Equal(HttpStatusCode.BadRequest, await PreviewAsync(client, changed));
        Assert.Equal(HttpStatusCode.BadRequest, await PreviewAsync(client, "AAAA.AAAA"));
    }

    [Fact]
    public async Task A_remembered_token_is_new_bytes_for_the_same_cookie_and_person_and_valid()
    {
        var first = Page(Ada, cookie: null);
        var made = Antiforgery.GetAndStoreTokens(first);
        var cookie = CookieSetBy(first);

        var again = Page(Ada, cookie);
        var remembered = Antiforgery.GetAndStoreTokens(again);

        Assert.Equal(0, again.Response.Headers.SetCookie.Count);
        Assert.NotEqual(made.RequestToken, remembered.RequestToken);
        Assert.Equal(MaskedAntiforgery.Unmask(made.RequestToken!), MaskedAntiforgery.Unmask(remembered.RequestToken!));
        Assert.Equal("no-cache, no-store", again.Response.Headers.CacheControl);
        await Antiforgery.ValidateRequestAsync(Post(Ada, cookie, remembered.RequestToken!));
        await Antiforgery.ValidateRequestAsync(Post(Ada, cookie, made.RequestToken!));
    }

    [Fact]
    public async Task A_token_is_refused_for_another_person_or_nobody_with_the_same_cookie()
    {
        var first = Page(Ada, cookie: null);
        Antiforgery.GetAndStoreTokens(first);
        var cookie = CookieSetBy(first);
        var adas = Antiforgery.GetAndStoreTokens(Page(Ada, cookie)).RequestToken!;
        var nobodys = Antiforgery.GetAndStoreTokens(Page(Nobody, cookie)).RequestToken!;

        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => Antiforgery.ValidateRequestAsync(Post(Bob, cookie, adas)));
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => Antiforgery.ValidateRequestAsync(Post(Nobody, cookie, adas)));
        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => Antiforgery.ValidateRequestAsync(Post(Ada, cookie, nobodys)));
        await Antiforgery.ValidateRequestAsync(Post(Nobody, cookie, nobodys));
    }

    [Fact]
    public async Task A_token_made_for_one_cookie_is_refused_with_another()
    {
        var first = Page(Ada, cookie: null);
        var token = Antiforgery.GetAndStoreTokens(first).RequestToken!;
        var other = Page(Ada, cookie: null);
        Antiforgery.GetAndStoreTokens(other);

        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => Antiforgery.ValidateRequestAsync(Post(Ada, CookieSetBy(other), token)));
        await Antiforgery.ValidateRequestAsync(Post(Ada, CookieSetBy(first), token));
    }

    [Fact]
    public async Task A_masked_token_in_the_header_is_accepted()
    {
        var first = Page(Ada, cookie: null);
        var token = Antiforgery.GetAndStoreTokens(first).RequestToken!;
        var post = Post(Ada, CookieSetBy(first), token: null);
        post.Request.Headers[Options.HeaderName!] = token;

        Assert.True(await Antiforgery.IsRequestValidAsync(post));
    }

    [Fact]
    public async Task A_masked_token_posted_as_multipart_is_accepted()
    {
        var client = await app.SignedInClientAsync("masked-token-author", Roles.Author);
        var token = Token(await HtmlPage.GetAsync(client, "/milestones/new"));
        using var body = new MultipartFormDataContent { { new StringContent("**bold**"), "markdown" }, { new StringContent(token), "__RequestVerificationToken" } };

        using var response = await client.PostAsync(new Uri("/milestones/new?handler=Preview", UriKind.Relative), body, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_form_that_cannot_be_read_is_refused_as_a_bad_request_not_an_error()
    {
        var client = await app.SignedInClientAsync("masked-token-author", Roles.Author);
        var token = Token(await HtmlPage.GetAsync(client, "/milestones/new"));
        var tooMany = string.Concat(Enumerable.Repeat("x=1&", 33_000)) + "__RequestVerificationToken=" + Uri.EscapeDataString(token);
        using var body = new StringContent(tooMany, Encoding.UTF8, "application/x-www-form-urlencoded");

        using var response = await client.PostAsync(new Uri("/milestones/new?handler=Preview", UriKind.Relative), body, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task After_a_refused_post_the_next_page_has_a_token_made_anew()
    {
        var first = Page(Ada, cookie: null);
        var made = Antiforgery.GetAndStoreTokens(first).RequestToken!;
        var cookie = CookieSetBy(first);

        await Assert.ThrowsAsync<AntiforgeryValidationException>(() => Antiforgery.ValidateRequestAsync(Post(Ada, cookie, "AAAA.AAAA")));
        var next = Antiforgery.GetAndStoreTokens(Page(Ada, cookie)).RequestToken!;

        Assert.NotEqual(MaskedAntiforgery.Unmask(made), MaskedAntiforgery.Unmask(next));
        await Antiforgery.ValidateRequestAsync(Post(Ada, cookie, next));
    }

    [Fact]
    public async Task Another_persons_page_with_the_same_cookie_gets_a_token_of_their_own()
    {
        var first = Page(Ada, cookie: null);
        Antiforgery.GetAndStoreTokens(first);
        var cookie = CookieSetBy(first);

        var bobs = Antiforgery.GetAndStoreTokens(Page(Bob, cookie)).RequestToken!;

        await Antiforgery.ValidateRequestAsync(Post(Bob, cookie, bobs));
    }

    [Fact]
    public async Task A_token_made_before_the_person_changed_within_a_request_is_not_kept_for_the_new_one()
    {
        var first = Page(Nobody, cookie: null);
        Antiforgery.GetAndStoreTokens(first);
        var cookie = CookieSetBy(first);
        var changing = Page(Ada, cookie);
        Antiforgery.GetAndStoreTokens(changing);

        changing.User = Bob;
        Antiforgery.GetAndStoreTokens(changing);
        var bobs = Antiforgery.GetAndStoreTokens(Page(Bob, cookie)).RequestToken!;

        await Antiforgery.ValidateRequestAsync(Post(Bob, cookie, bobs));
    }

    [Fact]
    public async Task A_person_is_named_as_the_framework_names_them_past_an_empty_claim()
    {
        static ClaimsPrincipal InTeam(string id) => new([
            new ClaimsIdentity([new Claim("sub", ""), new Claim(ClaimTypes.NameIdentifier, id)], "Identity.Application"),
            new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "team")], "Team"),
        ]);
        var first = Page(InTeam("ada-id"), cookie: null);
        Antiforgery.GetAndStoreTokens(first);
        var cookie = CookieSetBy(first);

        var bobs = Antiforgery.GetAndStoreTokens(Page(InTeam("bob-id"), cookie)).RequestToken!;

        await Antiforgery.ValidateRequestAsync(Post(InTeam("bob-id"), cookie, bobs));
    }

    [Fact]
    public void Masking_hides_the_token_and_unmasking_gives_it_back()
    {
        var token = "CfDJ8-some_token"u8.ToArray();

        var masked = MaskedAntiforgery.Mask(token);

        Assert.DoesNotContain(System.Buffers.Text.Base64Url.EncodeToString(token), masked, StringComparison.Ordinal);
        Assert.Equal(System.Buffers.Text.Base64Url.EncodeToString(token), MaskedAntiforgery.Unmask(masked));
        Assert.NotEqual(masked, MaskedAntiforgery.Mask(token));
        Assert.Equal("CfDJ8plain", MaskedAntiforgery.Unmask("CfDJ8plain"));
        Assert.Equal("AAAA.AA", MaskedAntiforgery.Unmask("AAAA.AA"));
        Assert.Equal("!!.??", MaskedAntiforgery.Unmask("!!.??"));
    }

    private static ClaimsPrincipal Person(string id) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, id)], "Identity.Application"));

    private DefaultHttpContext Page(ClaimsPrincipal user, string? cookie)
    {
        var http = new DefaultHttpContext { RequestServices = app.Services, User = user };
        if (cookie is not null)
            http.Request.Headers.Cookie = $"{Options.Cookie.Name}={cookie}";
        return http;
    }

    private DefaultHttpContext Post(ClaimsPrincipal user, string cookie, string? token)
    {
        var http = Page(user, cookie);
        http.Request.Method = HttpMethods.Post;
        http.Request.ContentType = "application/x-www-form-urlencoded";
        var body = token is null ? "markdown=x" : $"markdown=x&{Options.FormFieldName}={Uri.EscapeDataString(token)}";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        return http;
    }

    private string CookieSetBy(HttpContext http)
    {
        var set = Assert.Single(http.Response.Headers.SetCookie, c => c!.StartsWith(Options.Cookie.Name + "=", StringComparison.Ordinal))!;
        return set.Split(';')[0][(Options.Cookie.Name!.Length + 1)..];
    }

    private static string Token(HtmlPage page) =>
        page.Find("main form input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? throw new InvalidOperationException("no token on the page");

    private static async Task<HttpStatusCode> PreviewAsync(HttpClient client, string token)
    {
        using var body = new FormUrlEncodedContent([new("markdown", "**bold**"), new("__RequestVerificationToken", token)]);
        using var response = await client.PostAsync(new Uri("/milestones/new?handler=Preview", UriKind.Relative), body, Cancellation);
        return response.StatusCode;
    }
}
