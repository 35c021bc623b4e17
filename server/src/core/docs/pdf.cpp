#include "core/docs/pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>

#include "core/docs/fonts.hpp"
#include "core/docs/pango_context.hpp"

namespace xt::docs {
namespace {

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutDeleter>;

PangoFontDescription* describe(const Style& s) {
  PangoFontDescription* d = pango_font_description_new();
  pango_font_description_set_family(d, s.font.c_str());
  pango_font_description_set_absolute_size(d, s.size_pt * PANGO_SCALE);
  return d;
}

struct Para {
  Style style;
  double width = kTextWidth;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  bool justify = false;
  double indent = 0;
};

LayoutPtr make_layout(const Para& p, const std::string& text) {
  LayoutPtr lay(pango_layout_new(pango_thread_context()));
  PangoFontDescription* d = describe(p.style);
  pango_layout_set_font_description(lay.get(), d);
  pango_font_description_free(d);
  pango_layout_set_width(lay.get(), (int)(p.width * PANGO_SCALE));
  pango_layout_set_wrap(lay.get(), PANGO_WRAP_WORD_CHAR);  // long URLs and numbers break too
  // ...without a hyphen at the break: a copied URL, path or ID number must stay what it was.
  PangoAttrList* attrs = pango_attr_list_new();
  pango_attr_list_insert(attrs, pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_attributes(lay.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_alignment(lay.get(), p.align);
  pango_layout_set_justify(lay.get(), p.justify);
  pango_layout_set_indent(lay.get(), (int)(p.indent * PANGO_SCALE));
  pango_layout_set_text(lay.get(), text.data(), (int)text.size());
  return lay;
}

// Ascent and descent of a style, for placing the baseline inside an exact-height line.
std::pair<double, double> metrics(const Style& s) {
  thread_local std::map<std::pair<std::string, double>, std::pair<double, double>> cache;
  auto key = std::make_pair(s.font, s.size_pt);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  PangoFontDescription* d = describe(s);
  PangoFontMetrics* m = pango_context_get_metrics(pango_thread_context(), d, pango_language_from_string("zh-cn"));
  std::pair<double, double> v{(double)pango_font_metrics_get_ascent(m) / PANGO_SCALE, (double)pango_font_metrics_get_descent(m) / PANGO_SCALE};
  pango_font_metrics_unref(m);
  pango_font_description_free(d);
  if (v.first <= 0) v = {s.size_pt * 0.88, s.size_pt * 0.12};
  return cache[key] = v;
}

int line_count(PangoLayout* l) { return pango_layout_get_line_count(l); }

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

class Writer {
 public:
  Writer(const Document& d, const Layout& l) : doc_(d), l_(l) {
    surface_ = cairo_pdf_surface_create_for_stream(append, &out_, kPageWidth, kPageHeight);
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_TITLE, xml_safe(d.title).c_str());
    cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "协同 · 家校社协同育人平台");
    cr_ = cairo_create(surface_);
    y_ = kMarginTop;
    page_ = 1;
  }
  ~Writer() {
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
  }

  Pdf run() {
    for (auto& b : doc_.blocks) {
      if (b.kind == Kind::Table) {
        table(b.table);
        continue;
      }
      for (auto& line : paragraphs_of(b.text)) paragraph(b.kind, breakable(line));
    }
    footer();
    cairo_show_page(cr_);
    cairo_destroy(cr_);
    cr_ = nullptr;
    cairo_surface_finish(surface_);
    auto status = cairo_surface_status(surface_);
    cairo_surface_destroy(surface_);
    surface_ = nullptr;
    if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("cairo: ") + cairo_status_to_string(status));
    return {std::move(out_), page_};
  }

 private:
  // Lines of a block as the DOCX makes them: one paragraph per line, blank lines dropped.
  // Long runs of Latin text without spaces (URLs, file paths) get break opportunities after
  // their separators (a zero-width space, which draws nothing), so a justified line ends at a
  // '/' or '&' instead of spreading one unbreakable run letter by letter across the line.
  static std::string breakable(const std::string& line) {
    std::string out;
    size_t run = 0;
    for (char ch : line) {
      out += ch;
      bool latin = (unsigned char)ch < 0x80 && ch != ' ' && ch != '\t';
      run = latin ? run + 1 : 0;
      if (run >= 12 && (ch == '/' || ch == '?' || ch == '&' || ch == '=' || ch == '.' || ch == '_' || ch == '-')) out += "\u200B";
    }
    return out;
  }

  void new_page() {
    footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
  }
  bool fits(double h) const { return y_ + h <= kPageHeight - kMarginBottom + 0.01; }
  void need(double h) {
    if (!fits(h) && y_ > kMarginTop + 0.01) new_page();
  }

  void paragraph(Kind k, const std::string& text) {
    Para p;
    double pitch = l_.line_pt, after = 0;
    switch (k) {
      case Kind::Title:
        p.style = l_.title;
        p.align = PANGO_ALIGN_CENTER;
        pitch = std::max(l_.line_pt, l_.title.size_pt * 1.35);
        after = l_.line_pt;
        break;
      case Kind::Heading1:
      case Kind::Heading2:
        p.style = k == Kind::Heading1 ? l_.h1 : l_.h2;
        p.indent = l_.indent_chars * l_.body.size_pt;
        need(2 * l_.line_pt);  // keep with the next line
        break;
      case Kind::Plain:
        p.style = l_.body;
        p.justify = true;
        break;
      default:
        p.style = l_.body;
        p.justify = true;
        p.indent = l_.indent_chars * l_.body.size_pt;
    }
    auto lay = make_layout(p, text);
    draw_lines(lay.get(), p.style, kMarginLeft, pitch);
    y_ += after;
  }

  // Each line on an exact pitch, the glyphs centred in it as Word does with exact spacing.
  void draw_lines(PangoLayout* lay, const Style& s, double x0, double pitch, bool paginate = true) {
    auto [asc, desc] = metrics(s);
    PangoLayoutIter* it = pango_layout_get_iter(lay);
    do {
      if (paginate) need(pitch);
      PangoLayoutLine* line = pango_layout_iter_get_line_readonly(it);
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      cairo_move_to(cr_, x0 + (double)logical.x / PANGO_SCALE, y_ + (pitch - (asc + desc)) / 2 + asc);
      pango_cairo_show_layout_line(cr_, line);
      y_ += pitch;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
  }

  void footer() {
    Para p;
    p.style = {"宋体", 14};
    p.align = PANGO_ALIGN_CENTER;
    auto lay = make_layout(p, "— " + std::to_string(page_) + " —");
    double keep = y_;
    y_ = kPageHeight - 65.2 - 14 * 1.3;  // GB/T 9704: the number sits 7 mm below the text block
    draw_lines(lay.get(), p.style, kMarginLeft, 14 * 1.3, false);
    y_ = keep;
  }

  struct Row {
    std::vector<LayoutPtr> cells;
    double height = 0;
  };

  void table(const Table& t) {
    const double ts = std::max(l_.body.size_pt - 2, 10.5), pitch = ts + 6, pad = 5.4, vpad = 3;
    const Style text{l_.body.font, ts}, head{"黑体", ts};
    std::vector<double> w;
    for (double share : column_shares(t)) w.push_back(kTextWidth * share);
    auto make_row = [&](const std::vector<std::string>& cells, bool header) {
      Row r;
      int lines = 1;
      for (size_t i = 0; i < w.size(); ++i) {
        Para p;
        p.style = header ? head : text;
        p.width = std::max(1.0, w[i] - 2 * pad);
        p.align = header || i == 0 ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT;
        r.cells.push_back(make_layout(p, i < cells.size() ? xml_safe(cells[i]) : ""));
        lines = std::max(lines, line_count(r.cells.back().get()));
      }
      r.height = lines * pitch + 2 * vpad;
      return r;
    };
    auto draw_row = [&](Row& r, bool header) {
      double x = kMarginLeft, top = y_;
      cairo_set_line_width(cr_, 0.5);
      for (size_t i = 0; i < w.size(); ++i) {
        cairo_rectangle(cr_, x, top, w[i], r.height);
        cairo_stroke(cr_);
        int n = line_count(r.cells[i].get());
        y_ = top + (r.height - n * pitch) / 2;
        draw_lines(r.cells[i].get(), header ? head : text, x + pad, pitch, false);
        x += w[i];
      }
      y_ = top + r.height;
    };
    Row header = make_row(t.header, true);
    std::vector<Row> rows;
    for (auto& cells : t.rows) rows.push_back(make_row(cells, false));
    need(header.height + (rows.empty() ? 0 : rows.front().height));
    draw_row(header, true);
    for (auto& r : rows) {
      if (!fits(r.height)) {  // rows never split; the header repeats on the next page
        new_page();
        draw_row(header, true);
      }
      draw_row(r, false);
    }
  }

  const Document& doc_;
  const Layout& l_;
  std::string out_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  double y_ = 0;
  int page_ = 0;
};
}  // namespace

Pdf pdf(const Document& doc, const Layout& layout) { return Writer(doc, layout).run(); }
}  // namespace xt::docs
