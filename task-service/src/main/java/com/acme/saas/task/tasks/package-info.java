/** Tasks: each user's own CRUD and listing, and the admins' view of all. */
@NullMarked
package com.acme.saas.task.tasks;

import org.jspecify.annotations.NullMarked;
