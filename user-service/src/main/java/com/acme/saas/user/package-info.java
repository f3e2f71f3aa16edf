@NullMarked
package com.acme.saas.user;

import org.jspecify.annotations.NullMarked;
