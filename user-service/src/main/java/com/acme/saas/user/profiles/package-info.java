@NullMarked
package com.acme.saas.user.profiles;

import org.jspecify.annotations.NullMarked;
