@NullMarked
package com.acme.saas.user.admin;

import org.jspecify.annotations.NullMarked;
