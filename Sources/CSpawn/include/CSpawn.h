#ifndef CSPAWN_H
#define CSPAWN_H

#include <spawn.h>

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): the child starts in `path`.
int cspawn_file_actions_addchdir(posix_spawn_file_actions_t *actions, const char *path);

/// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34): the child inherits no descriptor from `lowest` up.
int cspawn_file_actions_addclosefrom(posix_spawn_file_actions_t *actions, int lowest);

#endif
