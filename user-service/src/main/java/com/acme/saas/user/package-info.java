/** user-service: each user's profile, and the admins' management of users. */
@NullMarked
package com.acme.saas.user;

import org.jspecify.annotations.NullMarked;
