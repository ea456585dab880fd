/* Pieces of page about people that other pages show (people_ui.h). */
#include "app/app.h"
#include "web/people/people_ui.h"
#include "web/ui/layout.h"

void needs_summary(struct request *req, const struct visible_profile *vp)
{
	for (size_t i = 0; i < vp->n; i++) {
		const struct profile_field *f = profile_field_find(vp->values[i].field);
		html(&req->out, "%r<strong>%t:</strong> %t", i ? "<br>" : "", f->label,
		     profile_display(f, vp->values[i].value, &req->arena));
	}
	if (!vp->n) html(&req->out, "<span class=\"hint\">None shared</span>");
}
