#include "core/docs/pango_context.hpp"

#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include <stdexcept>

#include "core/docs/fonts.hpp"

namespace xt::docs {
// One pango context per thread (font maps are not shared across threads); fonts resolve through
// the 公文 aliases. Unhinted metrics so that positions in the PDF are exact.
PangoContext* pango_thread_context() {
  thread_local PangoContext* ctx = [] {
    PangoFontMap* fm = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
    if (!fm) throw std::runtime_error("pango: no FreeType font map");
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(fm), font_config());
    PangoContext* c = pango_font_map_create_context(fm);
    g_object_unref(fm);
    cairo_font_options_t* o = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(c, o);
    cairo_font_options_destroy(o);
    pango_context_set_language(c, pango_language_from_string("zh-cn"));
    return c;
  }();
  return ctx;
}

}  // namespace xt::docs
