#include "core/docs/canvas.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <memory>

#include "core/docs/pango_context.hpp"

namespace xt::docs {
namespace {
cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
void set_rgb(cairo_t* cr, unsigned rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}
}  // namespace

std::string canvas_pdf(const Canvas& c) {
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &out, c.width, c.height);
  if (!c.title.empty()) cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, c.title.c_str());
  cairo_t* cr = cairo_create(surface);
  for (auto& r : c.rects) {
    set_rgb(cr, r.rgb);
    cairo_set_line_width(cr, r.line_pt);
    cairo_rectangle(cr, r.x, r.y, r.w, r.h);
    cairo_stroke(cr);
  }
  for (auto& t : c.texts) {
    std::unique_ptr<PangoLayout, void (*)(void*)> lay(pango_layout_new(pango_thread_context()), g_object_unref);
    PangoFontDescription* d = pango_font_description_new();
    pango_font_description_set_family(d, t.font.c_str());
    pango_font_description_set_absolute_size(d, t.size_pt * PANGO_SCALE);
    if (t.bold) pango_font_description_set_weight(d, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(lay.get(), d);
    pango_font_description_free(d);
    if (t.width > 0) {
      pango_layout_set_width(lay.get(), (int)(t.width * PANGO_SCALE));
      pango_layout_set_wrap(lay.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(lay.get(), t.align == CanvasText::Center ? PANGO_ALIGN_CENTER : t.align == CanvasText::Right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
    if (t.line_pt > 0) pango_layout_set_line_spacing(lay.get(), 0), pango_layout_set_spacing(lay.get(), 0);
    if (t.indent_chars > 0) pango_layout_set_indent(lay.get(), (int)(t.indent_chars * t.size_pt * PANGO_SCALE));
    pango_layout_set_text(lay.get(), t.text.c_str(), -1);
    set_rgb(cr, t.rgb);
    if (t.line_pt > 0) {
      // Exact pitch: each line placed on its own baseline.
      PangoLayoutIter* it = pango_layout_get_iter(lay.get());
      int line = 0;
      do {
        PangoLayoutLine* l = pango_layout_iter_get_line_readonly(it);
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, nullptr, &logical);
        cairo_move_to(cr, t.x + logical.x / (double)PANGO_SCALE, t.y + line * t.line_pt + t.size_pt);
        pango_cairo_show_layout_line(cr, l);
        ++line;
      } while (pango_layout_iter_next_line(it));
      pango_layout_iter_free(it);
    } else {
      cairo_move_to(cr, t.x, t.y);
      pango_cairo_show_layout(cr, lay.get());
    }
  }
  for (auto& q : c.codes) {
    if (q.m.size == 0) continue;
    double module = q.side / (q.m.size + 8);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, q.x, q.y, q.side, q.side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int y = 0; y < q.m.size; ++y)
      for (int x = 0; x < q.m.size; ++x)
        if (q.m.at(x, y)) cairo_rectangle(cr, q.x + (x + 4) * module, q.y + (y + 4) * module, module, module);
    cairo_fill(cr);
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return out;
}
}  // namespace xt::docs
