/* The fixture's one route handler (scripts/check-web-layout.sh's positive
 * control, tests/unit/meson.build). */
void sneaky_get(struct request *req);
