using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ChainForge.Milestones.Tests.Pages;

/// <summary>
/// A page as a browser sees it: parsed with AngleSharp, its forms submitted with every field
/// they hold (the antiforgery token included), as a person's browser would post them.
/// </summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpResponseMessage response, IDocument document)
    {
        Response = response;
        Document = document;
    }

    public HttpResponseMessage Response { get; }
    public IDocument Document { get; }

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        return await ParseAsync(response);
    }

    public static async Task<HtmlPage> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"),
            TestContext.Current.CancellationToken);
        return new HtmlPage(response, document);
    }

    public IHtmlFormElement Form(string selector = "main form") =>
        Document.QuerySelector<IHtmlFormElement>(selector) ?? throw new InvalidOperationException($"no form matches {selector}");

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IHtmlCollection<IElement> FindAll(string selector) => Document.QuerySelectorAll(selector);

    /// <summary>The form's fields as the browser would send them, with <paramref name="changes"/> applied.</summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form, IDictionary<string, string>? changes = null, IElement? submitter = null)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is "checkbox" or "radio":
                    if (input.IsChecked)
                        fields.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Name: { Length: > 0 } name } input when input.Type is not ("submit" or "button" or "file"):
                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement { Name: { Length: > 0 } name } area:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement { Name: { Length: > 0 } name } select:
                    fields.Add(new(name, select.Value ?? ""));
                    break;
            }
        }
        if (submitter is IHtmlButtonElement { Name: { Length: > 0 } buttonName } button)
            fields.Add(new(buttonName, button.Value));
        if (changes is not null)
        {
            foreach (var (name, value) in changes)
            {
                fields.RemoveAll(f => f.Key == name);
                fields.Add(new(name, value));
            }
        }
        return fields;
    }

    /// <summary>Posts a form of this page to its action, as its submit button would.</summary>
    public async Task<HtmlPage> SubmitAsync(HttpClient client, string formSelector = "main form", IDictionary<string, string>? changes = null, string? submitterSelector = null)
    {
        var form = Form(formSelector);
        var submitter = submitterSelector is null ? null : Document.QuerySelector(submitterSelector);
        var action = submitter?.GetAttribute("formaction") ?? form.GetAttribute("action") ?? Response.RequestMessage!.RequestUri!.PathAndQuery;
        using var content = new FormUrlEncodedContent(Fields(form, changes, submitter));
        var response = await client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), content, TestContext.Current.CancellationToken);
        return await ParseAsync(response);
    }
}
