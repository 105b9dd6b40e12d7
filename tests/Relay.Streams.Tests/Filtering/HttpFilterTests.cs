using Hubble.Flow;
using static Relay.Streams.Tests.Filtering.FilterAssert;

namespace Relay.Streams.Tests.Filtering;

public sealed class HttpFilterTests
{
    private static Flow Http(uint code = 0, string method = "", string url = "", params (string Key, string Value)[] headers)
    {
        var http = new HTTP { Code = code, Method = method, Url = url };
        foreach (var (key, value) in headers)
        {
            http.Headers.Add(new HTTPHeader { Key = key, Value = value });
        }

        return new Flow { L7 = new Layer7 { Http = http } };
    }

    [Theory]
    [InlineData("200", 200u, true)]
    [InlineData("200", 201u, false)]
    [InlineData("4+", 404u, true)]
    [InlineData("4+", 504u, false)]
    [InlineData("5+", 503u, true)]
    [InlineData("40+", 404u, true)]
    [InlineData("40+", 410u, false)]
    [InlineData("1+", 1000u, true)]
    [InlineData("2+", 0u, false)]
    public void HttpStatusCode_FullCodeOrPrefix(string value, uint code, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.HttpStatusCode.Add(value)), Http(code)));
    }

    [Fact]
    public void HttpStatusCode_FlowWithoutHttp_DoesNotMatch()
    {
        Assert.False(Passes(Filter(f => f.HttpStatusCode.Add("2+")), new Flow()));
    }

    [Theory]
    [InlineData("GET", "GET", true)]
    [InlineData("get", "GET", true)]
    [InlineData("POST", "GET", false)]
    [InlineData("GET", "", false)]
    public void HttpMethod_IgnoresCase(string value, string method, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.HttpMethod.Add(value)), Http(method: method)));
    }

    [Theory]
    [InlineData("^/api/v1/", "/api/v1/users?id=1", true)]
    [InlineData("^/api/v1/", "http://svc.ns:8080/api/v1/users", true)]
    [InlineData("^/api/v1/$", "http://svc.ns:8080/api/v1/?q=1", true)]
    [InlineData("users$", "/api/v1/users?q=users", true)]
    [InlineData("q=", "/api/v1/users?q=users", false)]
    [InlineData("^/a b$", "/a%20b", true)]
    [InlineData("^/caf\u00e9$", "/caf%C3%A9", true)]
    [InlineData(".*", "/bad%zzescape", false)]
    [InlineData(".*", "relative/path", false)]
    [InlineData("^$", "http://svc.ns:8080", true)]
    [InlineData("^$", "mailto:someone", true)]
    [InlineData(".*", "", false)]
    public void HttpPath_RegexOnDecodedPath(string pattern, string url, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.HttpPath.Add(pattern)), Http(url: url)));
    }

    [Fact]
    public void HttpPath_LongEscapedPath_UsesPooledBuffers()
    {
        var path = "/" + string.Concat(Enumerable.Repeat("seg%2F", 200)) + "end";

        Assert.True(Passes(Filter(f => f.HttpPath.Add("/end$")), Http(url: path)));
    }

    [Theory]
    [InlineData("^http://svc/", "http://svc/path?x=1", true)]
    [InlineData("x=1", "http://svc/path?x=1", true)]
    [InlineData("^/path", "http://svc/path", false)]
    [InlineData(".*", "", false)]
    public void HttpUrl_RegexOnWholeUrl(string pattern, string url, bool expected)
    {
        Assert.Equal(expected, Passes(Filter(f => f.HttpUrl.Add(pattern)), Http(url: url)));
    }

    [Fact]
    public void HttpHeader_KeyAndValueMustBothMatch()
    {
        var filter = Filter(f => f.HttpHeader.Add(new HTTPHeader { Key = "x-tenant", Value = "blue" }));

        Assert.True(Passes(filter, Http(headers: [("accept", "*/*"), ("x-tenant", "blue")])));
        Assert.False(Passes(filter, Http(headers: [("x-tenant", "red")])));
        Assert.False(Passes(filter, Http(headers: [("x-other", "blue")])));
        Assert.False(Passes(filter, new Flow()));
    }

    [Fact]
    public void HttpFilter_WithL7EventType_IsAccepted()
    {
        var filter = Filter(f =>
        {
            f.EventType.Add(new EventTypeFilter { Type = 129 });
            f.HttpMethod.Add("GET");
        });
        var flow = Http(method: "GET");
        flow.EventType = new CiliumEventType { Type = 129 };

        Assert.True(Passes(filter, flow));
    }

    [Theory]
    [InlineData("http_status_code")]
    [InlineData("http_method")]
    [InlineData("http_path")]
    [InlineData("http_url")]
    [InlineData("http_header")]
    public void HttpFilter_WithNonL7EventType_IsRejectedWithItsFieldName(string field)
    {
        var filter = Filter(f =>
        {
            f.EventType.Add(new EventTypeFilter { Type = 4 });
            switch (field)
            {
                case "http_status_code": f.HttpStatusCode.Add("200"); break;
                case "http_method": f.HttpMethod.Add("GET"); break;
                case "http_path": f.HttpPath.Add("/"); break;
                case "http_url": f.HttpUrl.Add("/"); break;
                default: f.HttpHeader.Add(new HTTPHeader { Key = "k" }); break;
            }
        });

        Assert.Equal(field, Rejects(filter).Field);
    }

    [Theory]
    [InlineData("http_status_code", "600")]
    [InlineData("http_status_code", "20")]
    [InlineData("http_status_code", "+")]
    [InlineData("http_status_code", "4xx")]
    [InlineData("http_status_code", "200+")]
    [InlineData("http_path", "[")]
    [InlineData("http_url", "(?<=x)y")]
    public void InvalidValue_IsRejectedWithItsFieldName(string field, string value)
    {
        var filter = Filter(f =>
        {
            var list = field switch
            {
                "http_status_code" => f.HttpStatusCode,
                "http_path" => f.HttpPath,
                _ => f.HttpUrl,
            };
            list.Add(value);
        });

        Assert.Equal(field, Rejects(filter).Field);
    }
}
