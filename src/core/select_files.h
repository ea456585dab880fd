#ifndef EC_CORE_SELECT_FILES_H
#define EC_CORE_SELECT_FILES_H
/* The CSV files other selection tools use, read into a select_problem
 * (for `emptychair select` and bench/select).
 *
 * Quotas, one row per value, in any of three headers:
 *   feature,value,min,max[,min_flex,max_flex]   sortition-algorithms
 *   category,name,min,max                        its older format
 *   category,feature,min,max                     the Nature 2021 replication
 * People: a header row naming columns; one column per feature, named as
 * the feature (case does not matter), holding one of its values; other
 * columns are ignored. Each person's id is the id column's value: the
 * column named id_column, else one named "id" or "nationbuilder_id", else
 * (the replication's respondents.csv) the row's number from 0.
 *
 * Values are compared after trimming spaces, case and all. Every error
 * names the file, the line and the column: "people.csv:12:3: ...". */
#include <stddef.h>

#include "core/mem.h"
#include "core/select.h"

struct select_files {
	struct select_problem problem;   /* places as given */
	const char **ids;                /* per person */
	/* the people file's header and each person's row, for writing the
	 * chosen people's rows out again */
	int n_columns;
	char **header;
	char ***rows;
};

/* False with *error (allocated from a) when either file is wrong. */
bool select_read_files(struct arena *a, int places, const char *id_column,
                       const char *features_name, const char *features, size_t features_len,
                       const char *people_name, const char *people, size_t people_len,
                       struct select_files *out, const char **error);
#endif
