// The pango context of this thread for PDF drawing (font maps are not shared across threads):
// fonts resolve through the 公文 aliases, metrics unhinted so that positions are exact.
#pragma once
typedef struct _PangoContext PangoContext;

namespace xt::docs {
PangoContext* pango_thread_context();
}
