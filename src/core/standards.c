/* The standards, their questions and their evidence (standards.h). The
 * questions are our own short wording, not the standards' text. */
#include "core/standards.h"

#include <string.h>

#include "core/lang.h"

#define NSCE N_("National Standards for Community Engagement (Scotland)")
#define UKSPI N_("UK Standards for Public Involvement")

const struct standard standards[] = {
	{ "nsce.inclusion", NSCE, N_("Inclusion"),
	  N_("Did we find and involve the people most affected, including those who are seldom "
	     "heard, and remove what stood in their way?"), EV_WHO_ISNT_HERE },
	{ "nsce.support", NSCE, N_("Support"),
	  N_("Did people get the practical and personal support they needed to take part?"),
	  EV_SUPPORT },
	{ "nsce.planning", NSCE, N_("Planning"),
	  N_("Did we agree together, early on, what the work is for and how people can shape it?"),
	  EV_PROJECT },
	{ "nsce.working_together", NSCE, N_("Working together"),
	  N_("Did we share power, so that people with lived experience set the agenda with us?"),
	  EV_HOW_WE_DO },
	{ "nsce.methods", NSCE, N_("Methods"),
	  N_("Did the ways we met and worked suit the people taking part?"), EV_MEETINGS },
	{ "nsce.communication", NSCE, N_("Communication"),
	  N_("Did we tell people clearly, and in good time, what was happening and what became of "
	     "what they said?"), EV_CONTRIBUTIONS },
	{ "nsce.impact", NSCE, N_("Impact"),
	  N_("Did what people said change what was decided and done?"), EV_PROJECT },
	{ "ukspi.inclusive_opportunities", UKSPI, N_("Inclusive opportunities"),
	  N_("Were the chances to be involved open, fair and shared, not always the same few?"),
	  EV_OPPORTUNITIES },
	{ "ukspi.working_together", UKSPI, N_("Working together"),
	  N_("Did we work as equals, valuing lived experience alongside other expertise?"),
	  EV_HOW_WE_DO },
	{ "ukspi.support_learning", UKSPI, N_("Support and learning"),
	  N_("Did people get support, and a chance to learn and grow, paid fairly for their time?"),
	  EV_PAY },
	{ "ukspi.communications", UKSPI, N_("Communications"),
	  N_("Did we use plain language and ways of communicating that worked for everyone?"),
	  EV_CONTRIBUTIONS },
	{ "ukspi.impact", UKSPI, N_("Impact"),
	  N_("Can we show what changed because people were involved, including what did not?"),
	  EV_PROJECT },
	{ "ukspi.governance", UKSPI, N_("Governance"),
	  N_("Did people with lived experience have a say in how the work was run and decided?"),
	  EV_HOW_WE_DO },
};
const size_t standard_count = sizeof standards / sizeof standards[0];

const struct standard *standard_find(const char *key)
{
	for (size_t i = 0; key && i < standard_count; i++)
		if (!strcmp(standards[i].key, key)) return &standards[i];
	return NULL;
}

bool standard_is(const char *key)
{
	return standard_find(key) != NULL;
}
