/* A program that links strtok, on which check-reentrant.sh must fail: it
 * shows the check sees what it looks for. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	char text[64];
	snprintf(text, sizeof text, "%s", argc > 1 ? argv[1] : "a,b");
	for (char *k = strtok(text, ","); k; k = strtok(NULL, ",")) puts(k);
	return 0;
}
