using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CrisisCenter.Channels.Feeds;

/// <summary>
/// The one way public XML is written (RSS, Atom, the CAP index and CAP documents): an <see cref="XmlWriter"/> that
/// passes every piece of text through <see cref="PublicText.Clean"/> on its way out, so a character XML 1.0 cannot
/// carry in a stored event is dropped instead of the writer throwing (which answered 500 to every reader of the
/// feed). Wrapping the writer, not each value, keeps a field added later from bringing the failure back.
/// </summary>
public sealed class XmlSafeWriter : XmlWriter
{
    private readonly XmlWriter inner;

    private XmlSafeWriter(XmlWriter inner) => this.inner = inner;

    /// <summary>Writes a document to UTF-8 text (declared as UTF-8).</summary>
    public static string Write(Action<XmlWriter> write)
    {
        var output = new Utf8StringWriter();
        using (var writer = new XmlSafeWriter(Create(output, new XmlWriterSettings { Encoding = Encoding.UTF8, Indent = true })))
            write(writer);
        return output.ToString();
    }

    public static string Write(XDocument document) => Write(document.Save);

    public override WriteState WriteState => inner.WriteState;

    public override void Flush() => inner.Flush();

    public override string? LookupPrefix(string ns) => inner.LookupPrefix(ns);

    public override void WriteBase64(byte[] buffer, int index, int count) => inner.WriteBase64(buffer, index, count);

    public override void WriteCData(string? text) => inner.WriteCData(PublicText.Clean(text));

    public override void WriteCharEntity(char ch)
    {
        if (PublicText.Clean(ch.ToString()) is { Length: > 0 } kept) inner.WriteString(kept);
    }

    public override void WriteChars(char[] buffer, int index, int count) => WriteString(new string(buffer, index, count));

    public override void WriteComment(string? text) => inner.WriteComment(PublicText.Clean(text));

    public override void WriteDocType(string name, string? pubid, string? sysid, string? subset) => inner.WriteDocType(name, pubid, sysid, subset);

    public override void WriteEndAttribute() => inner.WriteEndAttribute();

    public override void WriteEndDocument() => inner.WriteEndDocument();

    public override void WriteEndElement() => inner.WriteEndElement();

    public override void WriteEntityRef(string name) => inner.WriteEntityRef(name);

    public override void WriteFullEndElement() => inner.WriteFullEndElement();

    public override void WriteProcessingInstruction(string name, string? text) => inner.WriteProcessingInstruction(name, PublicText.Clean(text));

    public override void WriteRaw(char[] buffer, int index, int count) => WriteRaw(new string(buffer, index, count));

    public override void WriteRaw(string data) => inner.WriteRaw(PublicText.Clean(data));

    public override void WriteStartAttribute(string? prefix, string localName, string? ns) => inner.WriteStartAttribute(prefix, localName, ns);

    public override void WriteStartDocument() => inner.WriteStartDocument();

    public override void WriteStartDocument(bool standalone) => inner.WriteStartDocument(standalone);

    public override void WriteStartElement(string? prefix, string localName, string? ns) => inner.WriteStartElement(prefix, localName, ns);

    public override void WriteString(string? text) => inner.WriteString(PublicText.Clean(text));

    public override void WriteSurrogateCharEntity(char lowChar, char highChar) => inner.WriteSurrogateCharEntity(lowChar, highChar);

    public override void WriteWhitespace(string? ws) => inner.WriteWhitespace(ws);

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override Encoding Encoding => Encoding.UTF8;
    }
}
