/** Admin user management: listing users, changing roles and deleting users (which propagates). */
@NullMarked
package com.acme.saas.user.admin;

import org.jspecify.annotations.NullMarked;
