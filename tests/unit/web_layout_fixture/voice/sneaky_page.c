/* A page file that exports a helper for other page files: the layout check
 * must refuse it. */
void sneaky_get(struct request *req)
{
	shared_helper(req);
}

void shared_helper(struct request *req)
{
	(void)req;
}
